package io.elevate.cli.login;

import io.elevate.cli.CliException;
import io.elevate.cli.ExitCode;
import io.elevate.cli.Http;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.Map;

/** The endpoints of an OpenID provider (a Keycloak realm), from its discovery document. */
public record OidcEndpoints(String issuer, URI deviceAuthorization, URI token, URI revocation) {

    /** Reads {@code <issuer>/.well-known/openid-configuration}. */
    public static OidcEndpoints discover(Http http, String issuer) {
        String base = withoutTrailingSlash(issuer);
        URI url;
        try {
            url = URI.create(base + "/.well-known/openid-configuration");
        } catch (IllegalArgumentException e) {
            throw CliException.usage("the issuer is not a URL: " + issuer);
        }
        if (url.getScheme() == null || url.getHost() == null) {
            throw CliException.usage("the issuer is not an http(s) URL: " + issuer);
        }
        Http.Response response = http.get(url, Map.of("Accept", "application/json"), "Keycloak");
        if (response.status() == 404) {
            throw CliException.usage("no OpenID provider at " + base + " (404): check the issuer, e.g. "
                    + "https://keycloak.example.com/realms/<realm>");
        }
        JsonNode document = response.json().filter(json -> response.ok())
                .orElseThrow(() -> new CliException(ExitCode.UNREACHABLE, "Keycloak answered HTTP " + response.status()
                        + " for " + url));
        String device = document.path("device_authorization_endpoint").asText("");
        String token = document.path("token_endpoint").asText("");
        if (token.isEmpty()) {
            throw new CliException(ExitCode.UNREACHABLE, url + " names no token endpoint");
        }
        String revocation = document.path("revocation_endpoint").asText("");
        return new OidcEndpoints(base, device.isEmpty() ? null : URI.create(device), URI.create(token),
                revocation.isEmpty() ? null : URI.create(revocation));
    }

    public static String withoutTrailingSlash(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
