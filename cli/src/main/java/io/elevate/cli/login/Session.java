package io.elevate.cli.login;

import io.elevate.cli.CliException;
import io.elevate.cli.ExitCode;
import io.elevate.cli.Http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The signed-in user's tokens: the cached access token while it is valid, a refreshed one (refresh token grant)
 * when it is about to expire or when asked for, and {@link ExitCode#NOT_SIGNED_IN} when neither works.
 */
public final class Session {

    /** An access token expiring sooner than this is refreshed first, so that it is still valid when it arrives. */
    static final Duration MINIMUM_VALIDITY = Duration.ofSeconds(30);

    private final TokenCache cache;
    private final Http http;
    private final Clock clock;
    private Tokens tokens;

    public Session(TokenCache cache, Http http, Clock clock) {
        this.cache = cache;
        this.http = http;
        this.clock = clock;
    }

    /** The cached sign-in, refreshed or not. */
    public Tokens tokens() {
        if (tokens == null) {
            tokens = cache.read().orElseThrow(() -> CliException.notSignedIn("not signed in: run `elevate login`"));
        }
        return tokens;
    }

    /** A valid access token: the cached one, or a refreshed one if it expires within 30 seconds. */
    public AccessToken accessToken() {
        Tokens current = tokens();
        if (current.expiresAt().isAfter(clock.instant().plus(MINIMUM_VALIDITY))) {
            return AccessToken.parse(current.accessToken());
        }
        return refresh();
    }

    /**
     * A new access token from the refresh token, cached; Keycloak runs the protocol mappers again, so a window
     * approved since the last token shows in the new one.
     */
    public AccessToken refresh() {
        Tokens current = tokens();
        Instant now = clock.instant();
        if (!current.canRefresh(now)) {
            throw expired(current);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("client_id", current.clientId());
        form.put("refresh_token", current.refreshToken());
        Http.Response response = http.postForm(current.tokenEndpoint(), form, "Keycloak");
        if (!response.ok()) {
            if (response.status() == 400 || response.status() == 401) {
                String error = response.error();
                if (error.equals("invalid_grant") || error.equals("invalid_token") || error.isEmpty()) {
                    throw expired(current);
                }
            }
            throw DeviceGrant.refusal(response, "Keycloak refused to refresh the sign-in");
        }
        Tokens refreshed = Tokens.fromTokenResponse(response.json().orElseThrow(() -> new CliException(
                        ExitCode.UNREACHABLE, "Keycloak answered the refresh with something that is not JSON")),
                current.issuer(), current.clientId(), current.tokenEndpoint(), now, current.refreshToken());
        cache.write(refreshed);
        tokens = refreshed;
        return AccessToken.parse(refreshed.accessToken());
    }

    private static CliException expired(Tokens tokens) {
        return CliException.notSignedIn("the sign-in at " + tokens.issuer() + " has expired: run `elevate login`");
    }
}
