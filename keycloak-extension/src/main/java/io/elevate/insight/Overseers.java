package io.elevate.insight;

import io.elevate.audit.Auditors;

import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.AdminRoles;

/**
 * Who sees the dashboard (auditors, and the realm's admins: realm-management's {@code view-realm}) and who manages the
 * policies by name ({@code manage-realm}, as the admin API asks).
 */
public final class Overseers {

    private Overseers() {
    }

    public static boolean mayView(RealmModel realm, UserModel user) {
        return Auditors.isAuditor(realm, user) || hasAdminRole(realm, user, AdminRoles.VIEW_REALM)
                || hasAdminRole(realm, user, AdminRoles.MANAGE_REALM);
    }

    public static boolean mayManagePolicies(RealmModel realm, UserModel user) {
        return hasAdminRole(realm, user, AdminRoles.MANAGE_REALM);
    }

    private static boolean hasAdminRole(RealmModel realm, UserModel user, String name) {
        ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        RoleModel role = management == null ? null : management.getRole(name);
        return role != null && user.hasRole(role);
    }
}
