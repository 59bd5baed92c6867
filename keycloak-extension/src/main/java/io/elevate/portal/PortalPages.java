package io.elevate.portal;

import io.elevate.breakglass.OsCredentials;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.forms.login.freemarker.model.RealmBean;
import org.keycloak.forms.login.freemarker.model.UrlBean;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.BrowserSecurityHeaders;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.theme.FreeMarkerException;
import org.keycloak.theme.Theme;
import org.keycloak.theme.ThemeResourcesParser;
import org.keycloak.theme.beans.MessageFormatterMethod;
import org.keycloak.theme.freemarker.FreeMarkerProvider;

import java.io.IOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Renders the portal's pages with Keycloak's own theme machinery, in the realm's login theme: its templates
 * (Elevate's ship in the jar), messages ({@code msg}), properties and stylesheets. No authentication session is
 * needed. Every page is {@code no-store} and carries a Content-Security-Policy that allows no script at all.
 */
final class PortalPages {

    static final String PORTAL = "elevate-portal.ftl";
    static final String ERROR = "elevate-portal-error.ftl";
    static final String OS_CREDENTIAL = "elevate-portal-os-credential.ftl";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final KeycloakSession session;
    private final RealmModel realm;

    PortalPages(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    static final String HISTORY = "elevate-portal-history.ftl";
    static final String REQUEST = "elevate-portal-request.ftl";
    static final String DASHBOARD = "elevate-portal-dashboard.ftl";
    static final String POLICIES = "elevate-portal-policies.ftl";
    static final String POLICY = "elevate-portal-policy.ftl";

    /** One of the oversight pages: {@code template} with its view as {@code page}. */
    Response page(String template, Object view, int status, UserModel user) {
        return render(template, status, Map.of("page", view), user);
    }

    Response portal(PortalView view, int status, UserModel user) {
        return render(PORTAL, status, Map.of("portal", view), user);
    }

    /** The break-glass OS password, once: rendered from memory, never stored, never cached ({@link #secured}). */
    Response osCredential(OsCredentials.Shown shown, UserModel user, String portalUrl) {
        Map<String, Object> model = new HashMap<>();
        model.put("osUser", shown.osUser());
        model.put("instanceId", shown.instanceId());
        model.put("password", shown.password());
        model.put("deletedBy", OsCredentialItem.format(shown.deletedBy()));
        model.put("portalUrl", portalUrl);
        return render(OS_CREDENTIAL, 200, model, user);
    }

    /**
     * A page that says what went wrong and where to go next: message {@code messageKey} and its
     * {@code messageKey + "Next"}, with a link back to the portal.
     */
    Response error(int status, String messageKey, String detail, UserModel user, String portalUrl) {
        Map<String, Object> model = new HashMap<>();
        model.put("elevateMessage", messageKey);
        model.put("elevateDetail", detail == null ? "" : detail);
        model.put("portalUrl", portalUrl);
        return render(ERROR, status, model, user);
    }

    private Response render(String template, int status, Map<String, Object> model, UserModel user) {
        try {
            Theme theme = session.theme().getTheme(Theme.Type.LOGIN);
            Locale locale = session.getContext().resolveLocale(user);
            Properties properties = theme.getProperties();
            Map<String, Object> attributes = new HashMap<>(model);
            attributes.put("msg", new MessageFormatterMethod(locale, theme.getEnhancedMessages(realm, locale)));
            attributes.put("properties", properties);
            attributes.put("themeResources", ThemeResourcesParser.parse(properties));
            attributes.put("url", new UrlBean(realm, theme, session.getContext().getUri().getBaseUri(), null));
            attributes.put("realm", new RealmBean(realm));
            attributes.put("lang", locale.toLanguageTag());
            String html = session.getProvider(FreeMarkerProvider.class).processTemplate(attributes, template, theme);
            return secured(Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                    .language(locale).entity(html)).build();
        } catch (IOException | FreeMarkerException e) {
            throw new IllegalStateException("Cannot render the elevation portal's " + template, e);
        }
    }

    /**
     * The realm's browser security headers, except that the portal sets its own stricter CSP and frame rules, a
     * Referrer-Policy under which browsers still name the Origin of same-origin POSTs, and no caching.
     */
    Response.ResponseBuilder secured(Response.ResponseBuilder response) {
        session.getProvider(SecurityHeadersProvider.class).options().skipHeaders();
        Map<String, String> configured = realm.getBrowserSecurityHeaders();
        for (BrowserSecurityHeaders header : BrowserSecurityHeaders.values()) {
            if (header == BrowserSecurityHeaders.CONTENT_SECURITY_POLICY
                    || header == BrowserSecurityHeaders.X_FRAME_OPTIONS
                    || header == BrowserSecurityHeaders.REFERRER_POLICY) {
                continue;
            }
            String value = configured.getOrDefault(header.getKey(), header.getDefaultValue());
            if (value != null && !value.isEmpty()) {
                response.header(header.getHeaderName(), value);
            }
        }
        return response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Frame-Options", "DENY")
                .header("Referrer-Policy", "same-origin")
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache");
    }
}
