package io.elevate.breakglass;

import io.elevate.audit.Actor;
import io.elevate.audit.AuditLog;
import io.elevate.aws.client.ElevateAws;
import io.elevate.window.ElevationWindow;
import io.elevate.window.WindowStore;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The break-glass OS credential rows in Keycloak's database. A row is written in the transaction that opens the
 * break-glass window, so the credential is neither lost nor made for a window that was rolled back;
 * {@link OsCredentialWorker} does the AWS part later, on one node, off the request thread.
 */
public final class OsCredentialOutbox {

    private final KeycloakSession session;
    private final EntityManager em;
    private final Function<RealmModel, AuditLog> audit;
    private final Function<RealmModel, WindowStore> windows;

    /**
     * Obtained from the session's store ({@code ElevationStore#osCredentials}), which hands in the audit trail and the
     * windows of a realm.
     */
    public OsCredentialOutbox(KeycloakSession session, Function<RealmModel, AuditLog> audit,
                              Function<RealmModel, WindowStore> windows) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.audit = audit;
        this.windows = windows;
    }

    /**
     * Queues the OS credential of a break-glass window that names an instance, in the caller's transaction, and audits
     * it. When this server does not call AWS, nothing is queued and the failure is audited instead.
     */
    public void enqueue(RealmModel realm, ElevationWindow window, OsCredentialSettings settings, Instant now) {
        if (window.target().instanceId() == null) {
            return;
        }
        OsCredentialEntity row = new OsCredentialEntity();
        row.setId(UUID.randomUUID().toString());
        row.setRealmId(realm.getId());
        row.setWindowId(window.id());
        row.setUserId(window.userId());
        row.setInstanceId(window.target().instanceId());
        row.setRegion(window.target().region());
        row.setPlatform(settings.platform().name());
        row.setOsUser(settings.user());
        row.setKmsKeyId(settings.kmsKeyId());
        row.setParameterName(OsCredentialScript.parameterName(window.id()));
        row.setAvailableSeconds((int) settings.available().toSeconds());
        row.setCreatedAt(now.toEpochMilli());
        ElevateAws aws = session.getProvider(ElevateAws.class);
        if (aws == null || !aws.enabled()) {
            row.setState(OsCredentialState.FAILED.name());
            row.setLastError("AWS is not enabled on this server (--spi-elevate-aws--default--enabled)");
        } else {
            row.setState(OsCredentialState.PENDING.name());
            row.setNextAttemptAt(now.toEpochMilli());
        }
        em.persist(row);
        audit.apply(realm).recordAfterWindow(row.getLastError() == null ? "OS_CREDENTIAL_REQUESTED"
                : "OS_CREDENTIAL_FAILED", window.id(), Actor.SYSTEM, OsCredentialWorker.describe(row), now);
    }

    /** Rows with a step due at {@code now}, oldest first. */
    List<OsCredentialEntity> due(Instant now, int max) {
        return em.createQuery("select c from OsCredentialEntity c where c.nextAttemptAt <= :now"
                        + " order by c.nextAttemptAt, c.id", OsCredentialEntity.class)
                .setParameter("now", now.toEpochMilli())
                .setMaxResults(max)
                .getResultList();
    }

    Optional<OsCredentialEntity> find(String id) {
        return Optional.ofNullable(em.find(OsCredentialEntity.class, id));
    }

    Optional<OsCredentialEntity> ofWindow(RealmModel realm, String windowId) {
        return em.createQuery("select c from OsCredentialEntity c where c.realmId = :realmId"
                        + " and c.windowId = :windowId", OsCredentialEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("windowId", windowId)
                .getResultStream().findFirst();
    }

    /** The rows of these windows of one user. */
    List<OsCredentialEntity> ofUser(RealmModel realm, String userId, Collection<String> windowIds) {
        if (windowIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select c from OsCredentialEntity c where c.realmId = :realmId"
                        + " and c.userId = :userId and c.windowId in :windowIds", OsCredentialEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", userId)
                .setParameter("windowIds", windowIds)
                .getResultList();
    }

    /** Whether the row's window is still approved and open. */
    boolean windowOpen(OsCredentialEntity row, Instant now) {
        RealmModel realm = session.realms().getRealm(row.getRealmId());
        return realm != null && windows.apply(realm).find(row.getWindowId())
                .map(window -> window.isOpenAt(now)).orElse(false);
    }

    void flush() {
        em.flush();
    }

    /** Audits a row's step in its realm (skipped if that realm is gone). */
    void audit(String action, OsCredentialEntity row, String detail, Actor actor, Instant now) {
        RealmModel realm = session.realms().getRealm(row.getRealmId());
        if (realm != null) {
            audit.apply(realm).recordAfterWindow(action, row.getWindowId(), actor, detail, now);
        }
    }
}
