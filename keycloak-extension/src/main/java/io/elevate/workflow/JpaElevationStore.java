package io.elevate.workflow;

import io.elevate.audit.AuditLog;
import io.elevate.breakglass.OsCredentialOutbox;
import io.elevate.revoke.RevocationOutbox;
import io.elevate.window.WindowStore;
import io.elevate.window.WindowStores;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * The default {@link ElevationStore}: each part works on the session's JPA entity manager, so everything it writes
 * commits or rolls back with the session's transaction. The outboxes get their audit trail (and the OS credentials
 * their windows) from this store, so that {@code revoke} and {@code breakglass} need not know where it comes from.
 */
final class JpaElevationStore implements ElevationStore {

    private final KeycloakSession session;

    JpaElevationStore(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public WindowStore windows(RealmModel realm) {
        return WindowStores.of(session).windows(realm);
    }

    @Override
    public AuditLog audit(RealmModel realm) {
        return new AuditLog(session, realm);
    }

    @Override
    public Policies policies(RealmModel realm) {
        return new Policies(realm);
    }

    @Override
    public RevocationOutbox revocations() {
        return new RevocationOutbox(session, this::audit);
    }

    @Override
    public OsCredentialOutbox osCredentials() {
        return new OsCredentialOutbox(session, this::audit, this::windows);
    }

    @Override
    public void close() {
        // the parts hold nothing beyond the session's own entity manager
    }
}
