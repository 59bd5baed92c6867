package io.elevate.workflow;

import io.elevate.audit.AuditLog;
import io.elevate.breakglass.OsCredentialOutbox;
import io.elevate.revoke.RevocationOutbox;
import io.elevate.window.WindowStore;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.Provider;

/**
 * Elevate's storage as one {@code KeycloakSession} sees it: {@code session.getProvider(ElevationStore.class)}, or
 * {@link #of}. One instance per session (per HTTP request, per timer transaction), working in that session's
 * transaction. The default, {@link JpaElevationStoreFactory}, keeps everything in Keycloak's own database; a test or
 * another extension may register its own {@link ElevationStoreFactory} and choose it with
 * {@code --spi-elevate-store--provider=<id>}.
 *
 * <p>The realm is always an argument, never read from {@code session.getContext().getRealm()}: the context realm is
 * mutable state that other code sets (the timers set it per realm, the revocation worker audits rows of several realms
 * in one session, an admin request's context is the admin's realm), so an explicit realm is the one that cannot be the
 * wrong one by accident.
 */
public interface ElevationStore extends Provider {

    /** The elevation windows of the realm. */
    WindowStore windows(RealmModel realm);

    /** Elevate's audit trail of the realm. */
    AuditLog audit(RealmModel realm);

    /** The elevation policies of the realm. */
    Policies policies(RealmModel realm);

    /** The revocation outbox (rows of every realm: one role has one deny policy, whatever realm revoked). */
    RevocationOutbox revocations();

    /** The break-glass OS credential outbox (rows of every realm). */
    OsCredentialOutbox osCredentials();

    /**
     * The session's store.
     *
     * @throws IllegalStateException when the server has no {@code elevate-store} provider (fail closed)
     */
    static ElevationStore of(KeycloakSession session) {
        ElevationStore store = session.getProvider(ElevationStore.class);
        if (store == null) {
            throw new IllegalStateException("no " + ElevationStoreSpi.NAME + " provider is installed");
        }
        return store;
    }
}
