package io.elevate.cli.api;

import io.elevate.cli.CliException;
import io.elevate.cli.ExitCode;
import io.elevate.cli.Http;
import io.elevate.cli.Terminal;
import io.elevate.cli.login.AccessToken;
import io.elevate.cli.login.Session;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Client of Elevate's REST API, {@code <issuer>/elevation} (see {@code docs/openapi.yaml}), with the signed-in
 * user's access token. A 401 is retried once with a refreshed token; a 4xx is {@link ExitCode#REFUSED} with the
 * API's reason and violations; a 5xx or an unreadable answer is {@link ExitCode#UNREACHABLE}.
 */
public final class ElevationApi {

    private final Session session;
    private final Http http;

    public ElevationApi(Session session, Http http) {
        this.session = session;
        this.http = http;
    }

    public JsonNode get(String path) {
        return call(path, token -> http.get(url(path), headers(token), "the elevation API"));
    }

    public JsonNode post(String path, JsonNode body) {
        return call(path, token -> http.postJson(url(path), body, headers(token), "the elevation API"));
    }

    private JsonNode call(String path, Function<AccessToken, Http.Response> send) {
        Http.Response response = send.apply(session.accessToken());
        if (response.status() == 401) {
            response = send.apply(session.refresh());
            if (response.status() == 401) {
                throw CliException.notSignedIn("the elevation API does not accept the sign-in ("
                        + Terminal.shown(response.errorDescription()) + "): run `elevate login`");
            }
        }
        if (response.status() == 404 && response.json().isEmpty()) {
            throw new CliException(ExitCode.UNREACHABLE, "no elevation API at " + url(path) + " (404): is Elevate"
                    + " installed in this Keycloak?");
        }
        if (response.status() >= 400 && response.status() < 500) {
            throw new CliException(ExitCode.REFUSED, refusal(response));
        }
        if (!response.ok()) {
            throw new CliException(ExitCode.UNREACHABLE, "the elevation API failed: HTTP " + response.status());
        }
        Http.Response answered = response;
        return response.json().orElseThrow(() -> new CliException(ExitCode.UNREACHABLE,
                "the elevation API answered HTTP " + answered.status() + " without JSON"));
    }

    /** "refused (HTTP 400): the input breaks rules" and one line per violation. */
    static String refusal(Http.Response response) {
        List<String> lines = new ArrayList<>();
        lines.add("refused (HTTP " + response.status() + "): " + Terminal.shown(response.errorDescription()));
        response.json().ifPresent(json -> json.path("violations").forEach(violation -> {
            String field = violation.path("field").asText("");
            lines.add("  - " + Terminal.shown((field.isEmpty() ? "" : field + ": ") + violation.path("message").asText("")));
        }));
        return String.join(System.lineSeparator(), lines);
    }

    private URI url(String path) {
        return URI.create(session.tokens().issuer() + "/elevation/" + path);
    }

    private static Map<String, String> headers(AccessToken token) {
        return Map.of("Authorization", "Bearer " + token.raw(), "Accept", "application/json");
    }
}
