package io.elevate.cli.testing;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The STS stand-in's OIDC provider, as strict as AWS")
class OidcProviderTest {

    private static final String ISSUER = "http://localhost:8080/realms/elevate-demo";

    private final KeyPair realmKey = rsa();
    private final KeyPair otherKey = rsa();
    private final AwsContract.OidcProvider provider = new AwsContract.OidcProvider(ISSUER, "elevate-cli",
            Map.of("k1", realmKey.getPublic())::get);

    @Test
    void acceptsATokenTheRealmSignedForTheClient() {
        assertThat(provider.problem(token("k1", realmKey.getPrivate(), ISSUER, "\"elevate-cli\""))).isNull();
        assertThat(provider.problem(token("k1", realmKey.getPrivate(), ISSUER, "[\"account\",\"elevate-cli\"]")))
                .isNull();
    }

    @Test
    void refusesAnotherSignatureIssuerAudienceOrKey() {
        assertThat(provider.problem(token("k1", otherKey.getPrivate(), ISSUER, "\"elevate-cli\"")))
                .isEqualTo("InvalidIdentityToken: the token's signature does not verify");
        assertThat(provider.problem(token("k1", realmKey.getPrivate(), "http://evil.example/realms/x",
                "\"elevate-cli\""))).startsWith("InvalidIdentityToken: No OpenIDConnect provider found");
        assertThat(provider.problem(token("k1", realmKey.getPrivate(), ISSUER, "\"account\"")))
                .isEqualTo("InvalidIdentityToken: Incorrect token audience");
        assertThat(provider.problem(token("k2", realmKey.getPrivate(), ISSUER, "\"elevate-cli\"")))
                .isEqualTo("InvalidIdentityToken: the token's kid is not one of the provider's keys");
        assertThat(provider.problem("header.payload")).startsWith("InvalidIdentityToken");
    }

    private static String token(String kid, PrivateKey key, String issuer, String audience) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString(("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        String payload = base64.encodeToString(("{\"iss\":\"" + issuer + "\",\"aud\":" + audience
                + ",\"typ\":\"Bearer\",\"exp\":4102444800}").getBytes(StandardCharsets.UTF_8));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + base64.encodeToString(rsa.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
