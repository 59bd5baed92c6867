package io.elevate.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Optional;

/**
 * The one JSON reader for request bodies of the elevation API and the admin API: one JSON object and nothing after it,
 * no key twice, sent as {@code application/json}. What it refuses, it refuses with {@link ApiError}'s body.
 */
public final class StrictJson {

    private static final ObjectReader READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build().reader();

    private StrictJson() {
    }

    /** A body read, or the answer refusing it. */
    public record Body(JsonNode json, Response refusal) {
    }

    /**
     * The body as a JSON object: 415 unless the request says {@code application/json} (a charset, if given, must be
     * UTF-8), 400 when the body is not exactly one JSON object.
     */
    public static Body object(HttpHeaders headers, String body) {
        Optional<Response> media = checkMediaType(headers);
        if (media.isPresent()) {
            return new Body(null, media.get());
        }
        return object(body);
    }

    /** The body as a JSON object, or a 400 saying why it is not one. */
    static Body object(String body) {
        Parsed parsed = read(body);
        return parsed.problem() == null ? new Body(parsed.json(), null)
                : new Body(null, ApiError.badRequest(parsed.problem()));
    }

    /** A body parsed: the object, or the sentence saying why it is not one (exactly one is set). */
    record Parsed(JsonNode json, String problem) {
    }

    static Parsed read(String body) {
        if (body == null || body.isBlank()) {
            return new Parsed(null, "the body must be a JSON object (send {} when there is nothing to say)");
        }
        JsonNode json;
        try {
            json = READER.readTree(body);
        } catch (JsonProcessingException e) {
            return new Parsed(null, "the body is not one well-formed JSON object: " + e.getOriginalMessage()
                    + where(e));
        }
        if (json == null || !json.isObject()) {
            return new Parsed(null, "the body must be a JSON object");
        }
        return new Parsed(json, null);
    }

    private static String where(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")";
    }

    private static Optional<Response> checkMediaType(HttpHeaders headers) {
        MediaType type;
        try {
            type = headers == null ? null : headers.getMediaType();
        } catch (RuntimeException e) {
            type = null;
        }
        if (type == null || !type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || type.isWildcardType()
                || type.isWildcardSubtype()) {
            return Optional.of(ApiError.response(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "send the body as Content-Type: application/json", java.util.List.of()));
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
            return Optional.of(ApiError.response(Response.Status.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                    "the body must be UTF-8 JSON; charset " + charset + " is not accepted", java.util.List.of()));
        }
        return Optional.empty();
    }
}
