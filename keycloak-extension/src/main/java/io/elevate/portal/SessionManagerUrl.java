package io.elevate.portal;

import io.elevate.aws.SessionManagerLink;
import io.elevate.window.ElevationWindow;

import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The one-click way into an open window: the realm's IdP-initiated SAML sign-in of the window's AWS client, asking for
 * the window's Session Manager deep link as RelayState. The gate then picks exactly that window.
 */
final class SessionManagerUrl {

    static final String URL_NAME_ATTRIBUTE = "saml_idp_initiated_sso_url_name";

    private final KeycloakSession session;
    private final RealmModel realm;

    SessionManagerUrl(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** The link, or null when the client has no IdP-initiated URL name. Tag-scoped windows get the console. */
    String of(ElevationWindow window) {
        ClientModel client = realm.getClientById(window.clientId());
        String urlName = client == null ? null : client.getAttribute(URL_NAME_ATTRIBUTE);
        if (urlName == null || urlName.isBlank()) {
            return null;
        }
        String signIn = session.getContext().getUri().getBaseUriBuilder().path("realms").path(realm.getName())
                .path("protocol").path("saml").path("clients").path(urlName).build().toString();
        String instance = window.target().instanceId();
        return instance == null ? signIn : signIn + "?RelayState=" + URLEncoder.encode(
                SessionManagerLink.forInstance(instance, window.target().region()), StandardCharsets.UTF_8);
    }
}
