package io.elevate.audit;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/** Who may read the audit trail, in the REST API and in the portal: holders of the realm role {@value #ROLE}. */
public final class Auditors {

    public static final String ROLE = "elevation-auditor";

    private Auditors() {
    }

    public static boolean isAuditor(RealmModel realm, UserModel user) {
        RoleModel role = realm.getRole(ROLE);
        return role != null && user.hasRole(role);
    }
}
