package io.elevate.audit;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Elevate's audit trail, written in the same transaction as the change it records. */
public final class AuditLog {

    private static final int MAX_DETAIL = 2048;

    private final EntityManager em;
    private final RealmModel realm;

    public AuditLog(KeycloakSession session, RealmModel realm) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realm = realm;
    }

    public AuditRecord record(String action, String windowId, Actor actor, String detail, Instant now) {
        if (detail != null && detail.length() > MAX_DETAIL) {
            throw new IllegalArgumentException("audit detail longer than " + MAX_DETAIL + " characters");
        }
        AuditRecordEntity entity = new AuditRecordEntity();
        entity.setId(UUID.randomUUID().toString());
        entity.setRealmId(realm.getId());
        entity.setOccurredAt(now.toEpochMilli());
        entity.setAction(action);
        entity.setWindowId(windowId);
        entity.setActorId(actor.id());
        entity.setActorName(actor.name());
        entity.setIpAddress(actor.ipAddress());
        entity.setDetail(detail);
        em.persist(entity);
        return toRecord(entity);
    }

    /** The realm's records, oldest first, optionally only those of one window. */
    public List<AuditRecord> list(String windowId, int first, int max) {
        String jpql = "select a from AuditRecordEntity a where a.realmId = :realmId"
                + (windowId == null ? "" : " and a.windowId = :windowId") + " order by a.occurredAt, a.id";
        var query = em.createQuery(jpql, AuditRecordEntity.class).setParameter("realmId", realm.getId());
        if (windowId != null) {
            query.setParameter("windowId", windowId);
        }
        return query.setFirstResult(first).setMaxResults(max).getResultStream().map(AuditLog::toRecord).toList();
    }

    private static AuditRecord toRecord(AuditRecordEntity e) {
        return new AuditRecord(e.getId(), Instant.ofEpochMilli(e.getOccurredAt()), e.getAction(), e.getWindowId(),
                e.getActorId(), e.getActorName(), e.getIpAddress(), e.getDetail());
    }
}
