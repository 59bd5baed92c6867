package io.elevate.cli.aws;

import io.elevate.cli.CliException;
import io.elevate.cli.ExitCode;
import io.elevate.cli.api.ElevationApi;
import io.elevate.cli.login.AccessToken;
import io.elevate.cli.login.Session;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The elevation window(s) the access token's session tags come from, as the elevation API describes them.
 *
 * <p>The window's end comes from the API, not from the token's {@code exp}: Keycloak caps {@code exp} at the window's
 * end but also at the realm's access token lifespan (minutes), so {@code exp} alone says little about the window.
 *
 * @param endsAt     the earliest end among the windows
 * @param roleArn    the role of the (first) window, {@code arn:<partition of its region>:iam::<account>:role/<name>}
 * @param instanceId the first window's instance, null if none
 */
public record OpenWindow(AccessToken token, List<String> ids, Instant endsAt, String roleArn, String region,
                         String instanceId) {

    /**
     * Finds the open window: the cached token if it has session tags, else a refreshed one (a window approved since
     * the last sign-in shows only in a new token).
     *
     * @throws CliException {@link ExitCode#NO_OPEN_WINDOW} if even a fresh token has no session tags
     */
    public static OpenWindow resolve(Session session, ElevationApi api) {
        AccessToken token = session.accessToken();
        boolean fresh = false;
        if (!token.hasTags()) {
            token = session.refresh();
            fresh = true;
        }
        OpenWindow window = describe(token, api);
        if (window == null && !fresh) {
            // The cached token names a window that closed since (revoked, cancelled, ended): ask Keycloak again.
            window = describe(session.refresh(), api);
        }
        if (window == null) {
            throw new CliException(ExitCode.NO_OPEN_WINDOW, "no open elevation window: the token of "
                    + token.username() + " carries no AWS session tags of an open window. Ask for one with"
                    + " `elevate request`; see yours with `elevate list`.");
        }
        return window;
    }

    /** The windows the token's tags name, or null if it has none or one of them is no longer open. */
    private static OpenWindow describe(AccessToken token, ElevationApi api) {
        List<String> ids = token.elevationIds();
        if (!token.hasTags() || ids.isEmpty()) {
            return null;
        }
        Instant endsAt = null;
        JsonNode first = null;
        for (String id : ids) {
            JsonNode window = api.get("requests/" + id);
            if (!window.path("open").asBoolean(false)) {
                return null;
            }
            Instant end = instant(window.path("endsAt").asText(""), id);
            endsAt = endsAt == null || end.isBefore(endsAt) ? end : endsAt;
            first = first == null ? window : first;
        }
        String instance = first.path("instanceId").asText("");
        String region = first.path("region").asText("");
        return new OpenWindow(token, ids, endsAt, "arn:" + AwsPartition.of(region).id() + ":iam::"
                + first.path("accountId").asText() + ":role/" + first.path("roleName").asText(), region,
                instance.isEmpty() ? null : instance);
    }

    private static Instant instant(String text, String id) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new CliException(ExitCode.UNREACHABLE, "the elevation API gave window " + id + " no readable end: '"
                    + text + "'");
        }
    }

}
