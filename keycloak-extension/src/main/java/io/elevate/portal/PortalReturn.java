package io.elevate.portal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where in the portal a browser goes back to after Keycloak's sign-in: the page a link named (a request's page, the
 * history or the dashboard with their filters, the CSV), or a request's place in the approver's or the reviewer's
 * queue ({@code #waiting-<id>}, {@code #review-<id>}). A return is a path below the portal's own address, never an
 * address of its own, and only of these shapes; anything else (a long or odd query, another path) returns to the
 * portal's front page. It travels base64url-encoded in a short-lived cookie beside the sign-in's {@code state}.
 */
final class PortalReturn {

    private static final Pattern TARGET = Pattern.compile("#(?:waiting|review)-[A-Za-z0-9-]{1,64}"
            + "|/(?:history|dashboard|audit\\.csv|requests/[A-Za-z0-9-]{1,64})"
            + "(?:\\?(?:[A-Za-z0-9._~&=+*:/-]|%[0-9A-Fa-f]{2}){1,1500})?");
    private static final String PORTAL = "/elevation/portal";
    private static final Pattern FOCUS = Pattern.compile("(?:waiting|review)-[A-Za-z0-9-]{1,64}");

    private PortalReturn() {
    }

    /** {@code target} if it is a return of an allowed shape. */
    static Optional<String> of(String target) {
        return Optional.ofNullable(target).filter(t -> TARGET.matcher(t).matches());
    }

    /** The return to a request's place in a queue, from the portal's {@code focus} parameter, if well formed. */
    static Optional<String> focus(String focus) {
        return Optional.ofNullable(focus).filter(f -> FOCUS.matcher(f).matches()).map(f -> "#" + f);
    }

    /** The page of this request (its raw path and query), as a return, if it is one of an allowed shape. */
    static Optional<String> here(String rawPath, String rawQuery) {
        int at = rawPath.lastIndexOf(PORTAL);
        if (at < 0) {
            return Optional.empty();
        }
        String path = rawPath.substring(at + PORTAL.length());
        return of(rawQuery == null || rawQuery.isEmpty() ? path : path + "?" + rawQuery);
    }

    static String encode(String target) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(target.getBytes(StandardCharsets.UTF_8));
    }

    /** The return a cookie holds, checked again; empty for anything else. */
    static Optional<String> decode(String cookie) {
        if (cookie == null || cookie.length() > 2100) {
            return Optional.empty();
        }
        try {
            return of(new String(Base64.getUrlDecoder().decode(cookie), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
