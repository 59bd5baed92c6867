package io.elevate.api;

import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who may call the elevation API: a valid bearer token of the realm, issued to one of the clients the realm lets drive
 * the API (its {@code azp}). The list is the realm attribute {@value #ATTRIBUTE}, client ids separated by commas or
 * spaces; without it, only {@value #DEFAULT_CLIENT}. Every refusal is a 401 with {@link ApiError}'s body.
 */
final class ApiClients {

    /** The realm attribute listing the client ids whose tokens the API accepts. */
    static final String ATTRIBUTE = "elevate.api.clients";
    static final String DEFAULT_CLIENT = "elevate-cli";

    private ApiClients() {
    }

    /** The authenticated caller, or the 401 that refuses it (exactly one is set). */
    record Authenticated(AuthResult auth, Response refusal) {
    }

    static Authenticated authenticate(KeycloakSession session, RealmModel realm) {
        AuthResult auth;
        try {
            auth = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        } catch (NotAuthorizedException e) {
            return refused("the Authorization header must be \"Bearer\" and an access token of this realm");
        }
        if (auth == null) {
            return refused("a valid bearer token of this realm is required");
        }
        Set<String> allowed = allowed(realm.getAttribute(ATTRIBUTE));
        String client = auth.client() == null ? auth.token().getIssuedFor() : auth.client().getClientId();
        if (client == null || !allowed.contains(client)) {
            return refused("tokens issued to the client " + (client == null ? "(none)" : client)
                    + " are not accepted here; sign in with " + String.join(" or ", allowed));
        }
        return new Authenticated(auth, null);
    }

    /** The client ids in the attribute's value; {@value #DEFAULT_CLIENT} when it is absent or names none. */
    static Set<String> allowed(String attribute) {
        Set<String> clients = new LinkedHashSet<>();
        if (attribute != null) {
            Arrays.stream(attribute.split("[,\\s]+")).filter(s -> !s.isEmpty()).forEach(clients::add);
        }
        return clients.isEmpty() ? Set.of(DEFAULT_CLIENT) : clients;
    }

    private static Authenticated refused(String why) {
        return new Authenticated(null, ApiError.unauthorized(why));
    }
}
