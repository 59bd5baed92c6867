package io.elevate.audit;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserModel;

/** Who caused a change, and from which address. */
public record Actor(String id, String name, String ipAddress) {

    /** The name Elevate itself (its timers and outbox workers) acts under in the audit trail and on a window. */
    public static final String SYSTEM_NAME = "system";

    /** Elevate itself: no user and no address. */
    public static final Actor SYSTEM = new Actor(null, SYSTEM_NAME, null);

    public static Actor of(KeycloakSession session, UserModel user) {
        return new Actor(user.getId(), user.getUsername(), session.getContext().getConnection().getRemoteAddr());
    }
}
