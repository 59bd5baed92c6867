package io.elevate.admin;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/** Finds a user of the realm the way the admin API names them: by username, else by id. */
final class Users {

    private Users() {
    }

    static UserModel byUsernameOrId(KeycloakSession session, RealmModel realm, String usernameOrId) {
        UserModel user = session.users().getUserByUsername(realm, usernameOrId);
        return user != null ? user : session.users().getUserById(realm, usernameOrId);
    }
}
