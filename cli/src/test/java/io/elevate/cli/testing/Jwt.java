package io.elevate.cli.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Unsigned JWTs shaped like Keycloak's access tokens, for stubs (the command line does not verify signatures). */
public final class Jwt {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwt() {
    }

    /** An access token of {@code username} expiring at {@code exp}, with the session tags if any are given. */
    public static String accessToken(String username, Instant exp, Map<String, String> tags) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("exp", exp.getEpochSecond());
        claims.put("iat", exp.minusSeconds(300).getEpochSecond());
        claims.put("typ", "Bearer");
        claims.put("azp", "elevate-cli");
        claims.put("preferred_username", username);
        if (!tags.isEmpty()) {
            Map<String, List<String>> principalTags = new LinkedHashMap<>();
            tags.forEach((key, value) -> principalTags.put(key, List.of(value)));
            claims.put("https://aws.amazon.com/tags", Map.of("principal_tags", principalTags));
        }
        return of(claims);
    }

    public static String of(Map<String, Object> claims) {
        try {
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            return base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + base64.encodeToString(JSON.writeValueAsBytes(claims)) + ".c2lnbmF0dXJl";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
