package io.elevate.aws;

/** One AWS STS session tag, emitted as {@code PrincipalTag:<key>} in SAML or in the OIDC tags claim. */
public record SessionTag(String key, String value) {
}
