package io.elevate.testing.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.util.Optional;

/**
 * A response of the Keycloak Admin REST API.
 *
 * @param status  the HTTP status code
 * @param body    the parsed body: a {@code MissingNode} when empty, a {@code TextNode} holding the raw text when not JSON
 * @param headers the response headers
 */
public record JsonResponse(int status, JsonNode body, HttpHeaders headers) {

    /** Returns this response if it has the {@code expected} status, otherwise fails with the status and body. */
    public JsonResponse expectStatus(int expected) {
        if (status != expected) {
            throw new AssertionError("Expected HTTP " + expected + " but got " + this);
        }
        return this;
    }

    /** Whether the status is 2xx. */
    public boolean isSuccessful() {
        return status >= 200 && status < 300;
    }

    /** The first value of the header {@code name}, e.g. {@code Location} after a create. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    @Override
    public String toString() {
        return "HTTP " + status + (body.isMissingNode() ? "" : " " + body);
    }
}
