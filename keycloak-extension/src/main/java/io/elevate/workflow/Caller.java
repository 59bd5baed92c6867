package io.elevate.workflow;

import io.elevate.audit.Actor;

import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

/**
 * Who calls a workflow step: the user, the client and token they came with, their address, and the level of
 * authentication (acr) of that token. {@link #system()} is Elevate's own timers.
 */
public record Caller(UserModel user, ClientModel client, AccessToken token, String ipAddress, int level) {

    /** The name Elevate's own timers act under in the audit trail and on a window. */
    public static final String SYSTEM = "system";

    public static Caller system() {
        return new Caller(null, null, null, SYSTEM, 0);
    }

    /** The level of authentication an access token claims: its {@code acr} as a number, 0 when absent or named. */
    public static int levelOf(AccessToken token) {
        if (token == null || token.getAcr() == null) {
            return 0;
        }
        try {
            return Integer.parseInt(token.getAcr());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    boolean isSystem() {
        return user == null;
    }

    Actor actor() {
        return isSystem() ? new Actor(null, SYSTEM, ipAddress) : new Actor(user.getId(), user.getUsername(), ipAddress);
    }

    String name() {
        return isSystem() ? SYSTEM : user.getUsername();
    }
}
