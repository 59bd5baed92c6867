package io.elevate.workflow;

import io.elevate.audit.Actor;

import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.representations.AccessToken;

import java.util.Map;

/**
 * Who calls a workflow step: the user, the client and token they came with, their address, and the level of
 * authentication (acr) of that token. {@link #system()} is Elevate's own timers.
 */
public record Caller(UserModel user, ClientModel client, AccessToken token, String ipAddress, int level) {

    /** The name Elevate's own timers act under: {@link Actor#SYSTEM_NAME}. */
    public static final String SYSTEM = Actor.SYSTEM_NAME;

    public static Caller system() {
        return new Caller(null, null, null, SYSTEM, 0);
    }

    /**
     * The level of authentication an access token claims, read as Keycloak writes it: its {@code acr} mapped through
     * the acr-to-LoA map of the client the token was issued to (the client's {@code acr.loa.map}, else the realm's),
     * else the {@code acr} as a number; 0 when absent or unknown.
     */
    public static int levelOf(AccessToken token, ClientModel client) {
        if (token == null || token.getAcr() == null) {
            return 0;
        }
        return levelOf(token.getAcr(), client == null ? Map.of() : AcrUtils.getAcrLoaMap(client));
    }

    /** The level {@code acr} stands for under {@code acrLoaMap} (acr name to level), else as a number, else 0. */
    static int levelOf(String acr, Map<String, Integer> acrLoaMap) {
        if (acr == null) {
            return 0;
        }
        Integer mapped = acrLoaMap.get(acr);
        if (mapped != null) {
            return Math.max(0, mapped);
        }
        try {
            return Math.max(0, Integer.parseInt(acr));
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
