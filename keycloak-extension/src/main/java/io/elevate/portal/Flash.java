package io.elevate.portal;

import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStatus;

import jakarta.ws.rs.core.NewCookie;

/**
 * The one-line confirmation shown after a change, carried across the redirect in a cookie that lives a minute and is
 * read once. Only these names are ever shown (message {@code elevatePortalFlash_<NAME>}): the cookie carries no text.
 */
enum Flash {
    REQUESTED, BREAK_GLASS, APPROVED, APPROVAL_RECORDED, REJECTED, CANCELLED, REVOKED, EXTENSION_ASKED, REVIEWED,
    CONCURRENT;

    private static final String COOKIE = "ELEVATE_PORTAL_FLASH";
    private static final int MAX_AGE_SECONDS = 60;

    /** An approval that did not complete the quorum is only recorded. */
    static Flash after(Flash done, ElevationWindow window) {
        if (done == APPROVED && (window.status() == WindowStatus.REQUESTED || window.request().extensionPending())) {
            return APPROVAL_RECORDED;
        }
        return done;
    }

    void send(PortalCookies cookies) {
        cookies.set(COOKIE, name(), MAX_AGE_SECONDS, NewCookie.SameSite.STRICT);
    }

    /** The flash this browser was sent, used up; null when none (or not one of ours). */
    static Flash take(PortalCookies cookies) {
        String name = cookies.get(COOKIE);
        cookies.expire(COOKIE);
        for (Flash flash : values()) {
            if (flash.name().equals(name)) {
                return flash;
            }
        }
        return null;
    }
}
