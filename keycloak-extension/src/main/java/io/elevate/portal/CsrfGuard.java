package io.elevate.portal;

import org.jboss.logging.Logger;
import org.keycloak.crypto.Algorithm;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserSessionModel;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cross-site request forgery protection of the portal's forms: every POST must carry, in the hidden field
 * {@value #FIELD}, an HMAC-SHA256 of its SSO session id keyed with the realm's HMAC signing key (the one Keycloak signs
 * its own cookies with: shared by every node, rotated with the realm's keys), and, when the browser names its
 * {@code Origin}, come from the server's own origin.
 */
final class CsrfGuard {

    static final String FIELD = "csrf";
    private static final Logger LOG = Logger.getLogger(CsrfGuard.class);
    private static final String PURPOSE = "elevate-portal-csrf";

    private final KeycloakSession session;
    private final RealmModel realm;

    CsrfGuard(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The token of this SSO session, for the forms of the page. */
    String tokenFor(UserSessionModel userSession) {
        KeyWrapper key = session.keys().getActiveKey(realm, KeyUse.SIG, Algorithm.HS512);
        return key == null || key.getSecretKey() == null ? "" : mac(key.getSecretKey(), userSession.getId());
    }

    /** Whether a POST with this token and Origin header may change anything for this SSO session. */
    boolean allows(UserSessionModel userSession, String token, String origin) {
        if (origin != null && !origin.equalsIgnoreCase(ownOrigin())) {
            LOG.debugf("Portal POST refused: Origin %s is not %s", origin, ownOrigin());
            return false;
        }
        if (token == null || token.isEmpty()) {
            return false;
        }
        byte[] given = token.getBytes(StandardCharsets.US_ASCII);
        // Any enabled HMAC key of the realm: a page rendered just before a key rotation still works.
        return session.keys().getKeysStream(realm, KeyUse.SIG, Algorithm.HS512)
                .filter(key -> key.getSecretKey() != null)
                .map(key -> mac(key.getSecretKey(), userSession.getId()).getBytes(StandardCharsets.US_ASCII))
                .anyMatch(expected -> MessageDigest.isEqual(expected, given));
    }

    /** scheme://host[:port] of the server's base URI, without a default port, as browsers send it. */
    String ownOrigin() {
        URI base = session.getContext().getUri().getBaseUri();
        String scheme = base.getScheme().toLowerCase(Locale.ROOT);
        int port = base.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + base.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private String mac(SecretKey key, String userSessionId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] tag = mac.doFinal((PURPOSE + "\n" + realm.getId() + "\n" + userSessionId)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
