package io.elevate.cli.login;

import io.elevate.cli.CliException;
import io.elevate.cli.ExitCode;
import io.elevate.cli.Http;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An access token of Keycloak and the claims the command line reads from it (it trusts what it got from the token
 * endpoint over TLS; AWS and the elevation API verify the signature).
 */
public record AccessToken(String raw, JsonNode claims) {

    /** The claim AWS reads in {@code AssumeRoleWithWebIdentity}, put there by {@code oidc-aws-session-tags-mapper}. */
    public static final String TAGS_CLAIM = "https://aws.amazon.com/tags";
    private static final Pattern ELEVATION_ID = Pattern.compile("ElevationId([0-9]*)");

    public static AccessToken parse(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new CliException(ExitCode.NOT_SIGNED_IN, "the cached access token is not a JWT: run `elevate login`");
        }
        try {
            JsonNode claims = Http.JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            if (claims == null || !claims.isObject()) {
                throw new IOException("not a JSON object");
            }
            return new AccessToken(jwt, claims);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCode.NOT_SIGNED_IN, "the cached access token cannot be read (" + e.getMessage()
                    + "): run `elevate login`");
        }
    }

    /** {@code preferred_username}, empty if absent. */
    public String username() {
        return claims.path("preferred_username").asText("");
    }

    public Optional<Instant> expiresAt() {
        return claims.hasNonNull("exp") ? Optional.of(Instant.ofEpochSecond(claims.get("exp").asLong()))
                : Optional.empty();
    }

    /** Whether the token carries AWS session tags, i.e. was issued inside an open elevation window. */
    public boolean hasTags() {
        return claims.path(TAGS_CLAIM).path("principal_tags").isObject();
    }

    /** The session tags, key to values, in the token's order. */
    public Map<String, List<String>> principalTags() {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        JsonNode principalTags = claims.path(TAGS_CLAIM).path("principal_tags");
        for (Iterator<Map.Entry<String, JsonNode>> it = principalTags.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = it.next();
            List<String> values = new ArrayList<>();
            if (tag.getValue().isArray()) {
                tag.getValue().forEach(value -> values.add(value.asText()));
            } else {
                values.add(tag.getValue().asText());
            }
            tags.put(tag.getKey(), List.copyOf(values));
        }
        return tags;
    }

    /** The ids of the windows the tags come from: {@code ElevationId}, then {@code ElevationId2}, ... */
    public List<String> elevationIds() {
        record Slot(int number, String id) {
        }
        List<Slot> slots = new ArrayList<>();
        principalTags().forEach((key, values) -> {
            Matcher matcher = ELEVATION_ID.matcher(key);
            if (matcher.matches() && !values.isEmpty()) {
                slots.add(new Slot(matcher.group(1).isEmpty() ? 1 : Integer.parseInt(matcher.group(1)), values.get(0)));
            }
        });
        return slots.stream().sorted(Comparator.comparingInt(Slot::number)).map(Slot::id).toList();
    }
}
