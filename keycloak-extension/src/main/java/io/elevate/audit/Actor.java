package io.elevate.audit;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/** Who caused a change, and from which address. */
public record Actor(String id, String name, String ipAddress) {

    public static Actor of(KeycloakSession session, UserModel user) {
        return new Actor(user.getId(), user.getUsername(), session.getContext().getConnection().getRemoteAddr());
    }
}
