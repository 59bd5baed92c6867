package io.elevate.portal;


import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * Who is at the portal: the user of Keycloak's SSO session (its identity cookie). Without one, the browser is sent to
 * the realm's OIDC authorization endpoint as the public client {@value #CLIENT_ID}, and comes back to the portal URL,
 * built from the server's own base URI, never from the request. On return only {@code state} is checked, against a
 * short-lived cookie; the code is never exchanged: the SSO cookie the sign-in left is all the portal needs.
 */
final class PortalSignIn {

    static final String CLIENT_ID = "elevate-portal";
    private static final String STATE_COOKIE = "ELEVATE_PORTAL_STATE";
    private static final String RETURN_COOKIE = "ELEVATE_PORTAL_RETURN";
    private static final int STATE_MAX_AGE_SECONDS = 600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeycloakSession session;
    private final RealmModel realm;
    private final String portalUrl;
    private final PortalCookies cookies;

    PortalSignIn(KeycloakSession session, RealmModel realm, String portalUrl) {
        this.session = session;
        this.realm = realm;
        this.portalUrl = portalUrl;
        this.cookies = new PortalCookies(session, portalUrl);
    }

    /** The SSO session of this browser in this realm, or null. */
    AuthResult authenticate() {
        return new AppAuthManager().authenticateIdentityCookie(session, realm);
    }

    /** The portal client, if the realm has it enabled. */
    ClientModel client() {
        ClientModel client = realm.getClientByClientId(CLIENT_ID);
        return client != null && client.isEnabled() ? client : null;
    }

    /** Sends the browser to Keycloak's sign-in; null when the realm has no portal client to sign in with. */
    Response toLogin() {
        return toLogin(Optional.empty());
    }

    /**
     * Sends the browser to Keycloak's sign-in, to come back to {@code returnTo} (a {@link PortalReturn}) once signed in;
     * null when the realm has no portal client to sign in with.
     */
    Response toLogin(Optional<String> returnTo) {
        if (client() == null) {
            return null;
        }
        String state = random();
        URI login = session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("protocol").path("openid-connect").path("auth")
                .queryParam("client_id", CLIENT_ID)
                .queryParam("response_type", "code")
                .queryParam("scope", "openid")
                .queryParam("redirect_uri", portalUrl)
                .queryParam("state", state)
                .queryParam("code_challenge", challenge(random()))
                .queryParam("code_challenge_method", "S256")
                .build();
        cookies.set(STATE_COOKIE, state, STATE_MAX_AGE_SECONDS, NewCookie.SameSite.LAX);
        if (returnTo.isPresent()) {
            cookies.set(RETURN_COOKIE, PortalReturn.encode(returnTo.get()), STATE_MAX_AGE_SECONDS,
                    NewCookie.SameSite.LAX);
        } else {
            cookies.expire(RETURN_COOKIE);
        }
        return Response.seeOther(login).header("Cache-Control", "no-store").build();
    }

    /** Keycloak's sign-out for the portal client, which comes back to the portal (and so to the sign-in page). */
    String signOutUrl() {
        return session.getContext().getUri().getBaseUriBuilder()
                .path("realms").path(realm.getName()).path("protocol").path("openid-connect").path("logout")
                .queryParam("client_id", CLIENT_ID)
                .queryParam("post_logout_redirect_uri", portalUrl)
                .build().toString();
    }

    /** Whether {@code state} is the one this browser was sent away with; the cookie is used up either way. */
    boolean returnedWith(String state) {
        String expected = cookies.get(STATE_COOKIE);
        cookies.expire(STATE_COOKIE);
        return expected != null && state != null && MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), state.getBytes(StandardCharsets.US_ASCII));
    }

    /** Where the sign-in that {@link #returnedWith} checked was to come back to, if anywhere; the cookie is used up. */
    Optional<String> returnTarget() {
        String target = cookies.get(RETURN_COOKIE);
        if (target != null) {
            cookies.expire(RETURN_COOKIE);
        }
        return PortalReturn.decode(target);
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** PKCE S256 challenge of a verifier the portal throws away: it never redeems the code. */
    private static String challenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
