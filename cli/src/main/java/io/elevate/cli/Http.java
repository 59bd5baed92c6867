package io.elevate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The HTTP calls of the command line, to Keycloak and to AWS's federation endpoint. A failure to connect, a timeout
 * or an interrupted call becomes {@link ExitCode#UNREACHABLE} naming what could not be reached.
 */
public final class Http {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** An answer: the status and the body as text. */
    public record Response(int status, String body) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** The body as JSON, if it is a JSON object or array. */
        public Optional<JsonNode> json() {
            try {
                JsonNode node = JSON.readTree(body);
                return node != null && (node.isObject() || node.isArray()) ? Optional.of(node) : Optional.empty();
            } catch (JsonProcessingException notJson) {
                return Optional.empty();
            }
        }

        /** The OAuth / elevation API error code ({@code error}), empty if the body has none. */
        public String error() {
            return json().map(node -> node.path("error").asText("")).orElse("");
        }

        /** {@code error_description}, else {@code error}, else the status. */
        public String errorDescription() {
            Optional<JsonNode> json = json();
            String description = json.map(node -> node.path("error_description").asText("")).orElse("");
            if (!description.isEmpty()) {
                return description;
            }
            String error = error();
            return error.isEmpty() ? "HTTP " + status : error;
        }
    }

    /** {@code GET url} with the given headers; {@code what} names the server in errors, e.g. "Keycloak". */
    public Response get(URI url, Map<String, String> headers, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET();
        headers.forEach(request::header);
        return send(request.build(), what);
    }

    /** {@code POST url} of an {@code application/x-www-form-urlencoded} form. */
    public Response postForm(URI url, Map<String, String> form, String what) {
        return send(HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form))).build(), what);
    }

    /** {@code POST url} of a JSON body with the given headers. */
    public Response postJson(URI url, JsonNode body, Map<String, String> headers, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(request::header);
        return send(request.build(), what);
    }

    /** {@code a=1&b=2}, each name and value URL-encoded, in the map's order. */
    public static String formEncode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Response send(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new CliException(ExitCode.UNREACHABLE, "cannot reach " + what + " at " + origin(request.uri())
                    + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.UNREACHABLE, "interrupted while calling " + what, e);
        }
    }

    /** {@code scheme://host:port} of a URL: enough to see which server, without paths or query strings. */
    public static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
