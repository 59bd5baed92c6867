package io.elevate.revoke;

import io.elevate.Arns;
import io.elevate.AwsPartition;
import io.elevate.audit.Actor;
import io.elevate.audit.AuditLog;
import io.elevate.signin.ElevationMapperConfig;
import io.elevate.window.ElevationWindow;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * The revocation outbox in Keycloak's database. A row is written in the transaction that revokes (or cancels) an
 * approved window, so a revoke is never lost; {@link RevocationWorker} later puts the role's deny policy in IAM.
 * Each row's {@code NEXT_ATTEMPT_AT} says when the worker looks at it again: at once when new, after the backoff when
 * failed, at {@code PRUNE_AFTER} when applied (then the role's policy drops the id and the row is deleted).
 */
public final class RevocationOutbox {

    /**
     * How long a session started before the revoke may live: IAM's upper bound of a role's maximum session duration.
     * Elevate does not read the role's own setting, so it keeps every id this long.
     */
    public static final Duration ROLE_MAX_SESSION = Duration.ofHours(12);

    private final KeycloakSession session;
    private final EntityManager em;
    private final Function<RealmModel, AuditLog> audit;

    /**
     * Obtained from the session's store ({@code ElevationStore#revocations}), which hands in the audit trail of a realm.
     */
    public RevocationOutbox(KeycloakSession session, Function<RealmModel, AuditLog> audit) {
        this.session = session;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.audit = audit;
    }

    /**
     * Queues the window's id for its role's deny policy, in the caller's transaction, and audits it. The role is in
     * the partition of the window's region.
     */
    public Revocation enqueue(RealmModel realm, ElevationWindow window, Instant now) {
        ClientModel client = realm.getClientById(window.clientId());
        int slots = client == null ? 1
                : ElevationMapperConfig.forClient(client).map(ElevationMapperConfig::slots).orElse(1);
        RevocationEntity entity = newRow(realm.getId(), window, slots, now);
        em.persist(entity);
        Revocation row = Revocation.of(entity);
        audit.apply(realm).recordAfterWindow("REVOCATION_QUEUED", window.id(), Actor.SYSTEM, describe(row), now);
        return row;
    }

    /** A new PENDING row for the window's role, in the partition of the window's region, due at once. */
    static RevocationEntity newRow(String realmId, ElevationWindow window, int slots, Instant now) {
        RevocationEntity entity = new RevocationEntity();
        entity.setId(UUID.randomUUID().toString());
        entity.setRealmId(realmId);
        entity.setWindowId(window.id());
        entity.setPartition(AwsPartition.forRegion(window.target().region()).id());
        entity.setAccountId(window.target().accountId());
        entity.setRoleName(window.target().roleName());
        entity.setSlots(slots);
        entity.setRevokedAt(now.toEpochMilli());
        entity.setState(RevocationState.PENDING.name());
        entity.setNextAttemptAt(now.toEpochMilli());
        entity.setPruneAfter(now.plus(ROLE_MAX_SESSION).toEpochMilli());
        return entity;
    }

    /** The realm's rows, newest revoke first. */
    public List<Revocation> list(RealmModel realm, int first, int max) {
        return em.createQuery("select r from RevocationEntity r where r.realmId = :realmId"
                        + " order by r.revokedAt desc, r.id", RevocationEntity.class)
                .setParameter("realmId", realm.getId())
                .setFirstResult(first).setMaxResults(max)
                .getResultStream().map(Revocation::of).toList();
    }

    /** Partition, account and name of every role with a row due at {@code now}, at most {@code max} of them. */
    List<RoleKey> dueRoles(Instant now, int max) {
        return em.createQuery("select distinct r.partition, r.accountId, r.roleName from RevocationEntity r"
                        + " where r.nextAttemptAt <= :now order by r.partition, r.accountId, r.roleName",
                        Object[].class)
                .setParameter("now", now.toEpochMilli())
                .setMaxResults(max)
                .getResultStream().map(row -> new RoleKey(Revocation.partition((String) row[0]), (String) row[1],
                        (String) row[2])).toList();
    }

    /** Every row of one role, of every realm: a role has one deny policy, whatever realm revoked its windows. */
    List<RevocationEntity> rowsOf(RoleKey role) {
        return em.createQuery("select r from RevocationEntity r where r.partition = :partition"
                        + " and r.accountId = :accountId and r.roleName = :roleName order by r.revokedAt, r.id",
                        RevocationEntity.class)
                .setParameter("partition", role.partition().id())
                .setParameter("accountId", role.accountId())
                .setParameter("roleName", role.roleName())
                .getResultList();
    }

    void delete(RevocationEntity entity) {
        em.remove(entity);
    }

    /** Audits a row's change in the realm that revoked its window (skipped if that realm is gone). */
    void audit(String action, RevocationEntity entity, Instant now) {
        RealmModel realm = session.realms().getRealm(entity.getRealmId());
        if (realm != null) {
            session.getContext().setRealm(realm);
            audit.apply(realm).recordAfterWindow(action, entity.getWindowId(), Actor.SYSTEM,
                    describe(Revocation.of(entity)), now);
        }
    }

    static String describe(Revocation row) {
        StringBuilder text = new StringBuilder("{role=").append(row.roleArn())
                .append(", state=").append(row.state()).append(", attempts=")
                .append(row.attempts());
        if (row.state() != RevocationState.APPLIED) {
            text.append(", nextAttemptAt=").append(row.nextAttemptAt());
        }
        if (row.lastError() != null && row.state() == RevocationState.FAILED) {
            text.append(", error=").append(row.lastError());
        }
        text.append(", pruneAfter=").append(row.pruneAfter()).append('}');
        return text.length() > 2000 ? text.substring(0, 1999) + "…" : text.toString();
    }

    /** One IAM role, named by partition, account and name: the unit the worker updates. */
    record RoleKey(AwsPartition partition, String accountId, String roleName) {

        String arn() {
            return Arns.role(partition, accountId, roleName);
        }
    }
}
