package io.elevate.cli.login;

import io.elevate.cli.Http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * The cached sign-in: which Keycloak realm and client, the tokens and when they expire.
 *
 * @param refreshExpiresAt null when Keycloak gave no end for the refresh token
 */
public record Tokens(String issuer, String clientId, URI tokenEndpoint, String accessToken, String refreshToken,
                     Instant expiresAt, Instant refreshExpiresAt) {

    public Tokens {
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /**
     * The tokens of a token endpoint answer received at {@code now}; a refresh answer without a new refresh token
     * keeps {@code previousRefreshToken}.
     */
    public static Tokens fromTokenResponse(JsonNode response, String issuer, String clientId, URI tokenEndpoint,
                                           Instant now, String previousRefreshToken) {
        String access = response.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new IllegalArgumentException("the token endpoint answered without an access_token");
        }
        AccessToken claims = AccessToken.parse(access);
        Instant expires = claims.expiresAt().orElse(now.plusSeconds(response.path("expires_in").asLong(60)));
        String refresh = response.path("refresh_token").asText(previousRefreshToken == null ? "" : previousRefreshToken);
        long refreshSeconds = response.path("refresh_expires_in").asLong(0);
        return new Tokens(issuer, clientId, tokenEndpoint, access, refresh.isEmpty() ? null : refresh, expires,
                refreshSeconds > 0 ? now.plusSeconds(refreshSeconds) : null);
    }

    public boolean canRefresh(Instant now) {
        return refreshToken != null && (refreshExpiresAt == null || now.isBefore(refreshExpiresAt));
    }

    JsonNode toJson() {
        ObjectNode json = Http.JSON.createObjectNode();
        json.put("issuer", issuer);
        json.put("client_id", clientId);
        json.put("token_endpoint", tokenEndpoint.toString());
        json.put("access_token", accessToken);
        json.put("expires_at", expiresAt.toString());
        if (refreshToken != null) {
            json.put("refresh_token", refreshToken);
        }
        if (refreshExpiresAt != null) {
            json.put("refresh_expires_at", refreshExpiresAt.toString());
        }
        return json;
    }

    static Tokens fromJson(JsonNode json) {
        return new Tokens(
                required(json, "issuer"),
                required(json, "client_id"),
                URI.create(required(json, "token_endpoint")),
                required(json, "access_token"),
                json.hasNonNull("refresh_token") ? json.get("refresh_token").asText() : null,
                Instant.parse(required(json, "expires_at")),
                json.hasNonNull("refresh_expires_at") ? Instant.parse(json.get("refresh_expires_at").asText()) : null);
    }

    private static String required(JsonNode json, String field) {
        String value = json.path(field).asText("");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("no " + field);
        }
        return value;
    }

    @Override
    public String toString() {
        return "Tokens[" + issuer + ", " + clientId + ", expires " + expiresAt + "]";
    }
}
