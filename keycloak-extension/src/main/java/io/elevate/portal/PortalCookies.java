package io.elevate.portal;


import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import org.keycloak.cookie.CookieMaxAge;
import org.keycloak.models.KeycloakSession;
import org.keycloak.utils.SecureContextResolver;

import java.net.URI;

/**
 * The portal's own short-lived cookies (sign-in state, flash message): HttpOnly, scoped to the portal's path, Secure
 * whenever Keycloak counts the request as a secure context. Set on Keycloak's response, as Keycloak sets its own.
 */
final class PortalCookies {

    private final KeycloakSession session;
    private final String path;

    /** Cookies scoped to the path of {@code portalUrl}, the portal's own address. */
    PortalCookies(KeycloakSession session, String portalUrl) {
        this.session = session;
        this.path = URI.create(portalUrl).getRawPath();
    }

    void set(String name, String value, int maxAgeSeconds, NewCookie.SameSite sameSite) {
        session.getContext().getHttpResponse().setCookieIfAbsent(new NewCookie.Builder(name)
                .version(1)
                .value(value)
                .path(path)
                .maxAge(maxAgeSeconds)
                .secure(SecureContextResolver.isSecureContext(session))
                .httpOnly(true)
                .sameSite(sameSite)
                .build());
    }

    String get(String name) {
        Cookie cookie = session.getContext().getRequestHeaders().getCookies().get(name);
        return cookie == null || cookie.getValue().isEmpty() ? null : cookie.getValue();
    }

    void expire(String name) {
        if (get(name) != null) {
            session.getContext().getHttpResponse().setCookieIfAbsent(new NewCookie.Builder(name)
                    .version(1)
                    .value("")
                    .path(path)
                    .maxAge(CookieMaxAge.EXPIRED)
                    .secure(SecureContextResolver.isSecureContext(session))
                    .httpOnly(true)
                    .build());
        }
    }
}
