package io.elevate.portal;

import io.elevate.workflow.Caller;

import org.keycloak.authentication.authenticators.util.LoAUtil;
import org.keycloak.models.AuthenticatedClientSessionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/** The signed-in user at the portal: who they are to the workflow, and the CSRF token of their SSO session. */
record Viewer(Caller caller, String csrfToken) {

    /**
     * The caller of an SSO session, through the portal client; its level of authentication is the one the session
     * reached when it last signed in to the portal (0 when it never did, e.g. it signed in to AWS only).
     */
    static Viewer of(KeycloakSession session, RealmModel realm, AuthResult auth, ClientModel portalClient) {
        int level = 0;
        if (portalClient != null) {
            AuthenticatedClientSessionModel clientSession =
                    auth.session().getAuthenticatedClientSessionByClient(portalClient.getId());
            if (clientSession != null) {
                try {
                    level = Math.max(0, LoAUtil.getCurrentLevelOfAuthentication(clientSession));
                } catch (NumberFormatException e) {
                    level = 0;
                }
            }
        }
        Caller caller = new Caller(auth.user(), portalClient, auth.token(),
                session.getContext().getConnection().getRemoteAddr(), level);
        return new Viewer(caller, new CsrfGuard(session, realm).tokenFor(auth.session()));
    }

    UserModel user() {
        return caller.user();
    }
}
