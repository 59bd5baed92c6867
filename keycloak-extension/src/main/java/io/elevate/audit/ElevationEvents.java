package io.elevate.audit;

import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.util.Map;

/**
 * Publishes every elevation transition as a Keycloak admin event, so the realm's event store, its event listeners and
 * SIEM pipelines see it (Keycloak's user events have no custom types). Keycloak's admin-events filters only know the
 * resource types of its own {@link ResourceType} enum, so the events are of type {@code CUSTOM} (operation
 * {@code ACTION}) and told apart by their resource path, {@code elevation/requests/{id}/{ACTION}} (e.g.
 * {@code elevation/requests/1b2c.../APPROVED}), and their representation, which names the action. A transition made by
 * the server itself (expiry) carries no auth user.
 */
public final class ElevationEvents {

    /** Keycloak's resource type for extensions' events: one the admin-events filters accept. */
    public static final ResourceType RESOURCE_TYPE = ResourceType.CUSTOM;
    /** The start of every resource path Elevate's events carry; a request's transitions are under {@code elevation/requests/{id}/}. */
    public static final String PATH_PREFIX = "elevation";

    private final KeycloakSession session;
    private final RealmModel realm;

    public ElevationEvents(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** @param user the acting user, or null for the server itself */
    public void publish(String windowId, String action, Map<String, String> detail, UserModel user,
                        ClientModel client, AccessToken token, String ipAddress) {
        AdminEventBuilder builder = user == null || client == null
                ? new SystemBuilder(realm, session, ipAddress)
                : new AdminEventBuilder(realm, new AdminAuth(realm, token, user, client), session,
                session.getContext().getConnection());
        builder.resource(RESOURCE_TYPE)
                .operation(OperationType.ACTION)
                .resourcePath(PATH_PREFIX, "requests", windowId, action)
                .representation(detail)
                .success();
    }

    /** Builds events whose auth details name only the realm: changes made by Elevate's own timers. */
    private static final class SystemBuilder extends AdminEventBuilder {

        SystemBuilder(RealmModel realm, KeycloakSession session, String ipAddress) {
            super(realm, null, session, ipAddress, systemEvent(realm, ipAddress));
        }

        private static AdminEvent systemEvent(RealmModel realm, String ipAddress) {
            AdminEvent event = new AdminEvent();
            event.setRealmId(realm.getId());
            event.setRealmName(realm.getName());
            AuthDetails auth = new AuthDetails();
            auth.setRealmId(realm.getId());
            auth.setRealmName(realm.getName());
            auth.setIpAddress(ipAddress);
            event.setAuthDetails(auth);
            return event;
        }
    }
}
