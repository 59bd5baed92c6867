package io.elevate.cli.login;

import io.elevate.cli.CliException;
import io.elevate.cli.Environment.Sleeper;
import io.elevate.cli.ExitCode;
import io.elevate.cli.Http;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The OAuth 2.0 device authorization grant (RFC 8628) with PKCE S256: ask for a user code, then poll the token
 * endpoint, at the interval the server set, until the user approved or denied it in a browser, or the code expired.
 */
public final class DeviceGrant {

    public static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:device_code";
    /** RFC 8628 §3.2: 5 seconds when the server names no interval; §3.5: 5 seconds more on each slow_down. */
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    static final Duration SLOW_DOWN_STEP = Duration.ofSeconds(5);

    private final Http http;
    private final Clock clock;
    private final Sleeper sleeper;

    public DeviceGrant(Http http, Clock clock, Sleeper sleeper) {
        this.http = http;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** What the user must do, and what the client polls with. */
    public record Authorization(String deviceCode, String userCode, URI verificationUri, URI verificationUriComplete,
                                Instant expiresAt, Duration interval) {
    }

    /** Asks the device authorization endpoint for a device code and a user code. */
    public Authorization start(OidcEndpoints endpoints, String clientId, Pkce pkce) {
        if (endpoints.deviceAuthorization() == null) {
            throw new CliException(ExitCode.REFUSED, endpoints.issuer() + " offers no device authorization grant");
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", clientId);
        form.put("code_challenge", pkce.challenge());
        form.put("code_challenge_method", Pkce.METHOD);
        Instant now = clock.instant();
        Http.Response response = http.postForm(endpoints.deviceAuthorization(), form, "Keycloak");
        if (!response.ok()) {
            throw refusal(response, "Keycloak refused to start the device sign-in for client " + clientId);
        }
        JsonNode json = response.json().orElseThrow(() -> unreadable(endpoints.deviceAuthorization()));
        String deviceCode = json.path("device_code").asText("");
        String userCode = json.path("user_code").asText("");
        String verification = json.path("verification_uri").asText("");
        if (deviceCode.isEmpty() || userCode.isEmpty() || verification.isEmpty()) {
            throw unreadable(endpoints.deviceAuthorization());
        }
        String complete = json.path("verification_uri_complete").asText("");
        long interval = json.path("interval").asLong(0);
        return new Authorization(deviceCode, userCode, URI.create(verification),
                complete.isEmpty() ? null : URI.create(complete),
                now.plusSeconds(json.path("expires_in").asLong(600)),
                interval > 0 ? Duration.ofSeconds(interval) : DEFAULT_INTERVAL);
    }

    /**
     * Polls the token endpoint until the user decided, and returns the token response.
     *
     * @throws CliException {@link ExitCode#NOT_SIGNED_IN} when the code expired, {@link ExitCode#REFUSED} when the
     *                      user denied it or the server refused the client, {@link ExitCode#UNREACHABLE} when the
     *                      server is gone or failing
     */
    public JsonNode await(OidcEndpoints endpoints, String clientId, Authorization authorization, Pkce pkce) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT_TYPE);
        form.put("client_id", clientId);
        form.put("device_code", authorization.deviceCode());
        form.put("code_verifier", pkce.verifier());
        Duration interval = authorization.interval();
        while (true) {
            pause(interval);
            if (!clock.instant().isBefore(authorization.expiresAt())) {
                throw expired();
            }
            Http.Response response = http.postForm(endpoints.token(), form, "Keycloak");
            if (response.ok()) {
                return response.json().filter(json -> json.hasNonNull("access_token"))
                        .orElseThrow(() -> unreadable(endpoints.token()));
            }
            switch (response.error()) {
                case "authorization_pending":
                    break;
                case "slow_down":
                    interval = interval.plus(SLOW_DOWN_STEP);
                    break;
                case "expired_token":
                    throw expired();
                case "access_denied":
                    throw new CliException(ExitCode.REFUSED, "the sign-in was denied in the browser");
                default:
                    throw refusal(response, "Keycloak refused the sign-in");
            }
        }
    }

    private void pause(Duration interval) {
        try {
            sleeper.sleep(interval);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.NOT_SIGNED_IN, "interrupted before the sign-in was approved");
        }
    }

    private static CliException expired() {
        return new CliException(ExitCode.NOT_SIGNED_IN,
                "the code expired before it was approved: run `elevate login` again");
    }

    static CliException refusal(Http.Response response, String what) {
        if (response.status() >= 500 || response.json().isEmpty()) {
            return new CliException(ExitCode.UNREACHABLE, what + ": HTTP " + response.status());
        }
        return new CliException(ExitCode.REFUSED, what + ": " + response.errorDescription());
    }

    private static CliException unreadable(URI url) {
        return new CliException(ExitCode.UNREACHABLE, "Keycloak answered " + url + " with something that is not an"
                + " OAuth answer");
    }
}
