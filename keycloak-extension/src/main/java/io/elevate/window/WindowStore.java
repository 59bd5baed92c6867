package io.elevate.window;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Elevation windows in Keycloak's own database, inside the request's transaction. */
public final class WindowStore {

    private final EntityManager em;
    private final RealmModel realm;

    public WindowStore(KeycloakSession session, RealmModel realm) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realm = realm;
    }

    /** The question asked at every sign-in: the windows of this user for this client that are open at {@code now}. */
    public List<ElevationWindow> openWindows(String userId, String clientId, Instant now) {
        return em.createNamedQuery("elevate.openWindows", ElevationWindowEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("userId", userId)
                .setParameter("clientId", clientId)
                .setParameter("now", now.toEpochMilli())
                .setParameter("status", WindowStatus.APPROVED.name())
                .getResultStream()
                .map(WindowStore::toWindow)
                .toList();
    }

    public Optional<ElevationWindow> find(String id) {
        return findEntity(id).map(WindowStore::toWindow);
    }

    public ElevationWindow create(NewWindow draft, Instant now) {
        ElevationWindowEntity entity = new ElevationWindowEntity();
        entity.setId(UUID.randomUUID().toString());
        entity.setRealmId(realm.getId());
        entity.setUserId(draft.userId());
        entity.setClientId(draft.clientId());
        Target target = draft.target();
        entity.setAccountId(target.accountId());
        entity.setRoleName(target.roleName());
        entity.setSamlProvider(target.samlProvider());
        entity.setRegion(target.region());
        entity.setInstanceId(target.instanceId());
        List<WindowTag> tags = new ArrayList<>();
        target.tags().forEach((key, value) -> tags.add(new WindowTag(key, value)));
        entity.setTags(tags);
        entity.setStartsAt(draft.startsAt().toEpochMilli());
        entity.setEndsAt(draft.endsAt().toEpochMilli());
        entity.setStatus(WindowStatus.APPROVED.name());
        entity.setJustification(draft.justification());
        entity.setCreatedBy(draft.createdBy());
        entity.setApprovedBy(draft.approvedBy());
        entity.setCreatedAt(now.toEpochMilli());
        em.persist(entity);
        em.flush();
        return toWindow(entity);
    }

    /**
     * Marks an approved window revoked. Returns empty when the window does not exist; the caller checks the status
     * first. The entity's version makes a concurrent second revoke fail instead of being recorded twice.
     */
    public Optional<ElevationWindow> revoke(String id, String revokedBy, String reason, Instant now) {
        return findEntity(id).map(entity -> {
            entity.setStatus(WindowStatus.REVOKED.name());
            entity.setRevokedBy(revokedBy);
            entity.setRevokedAt(now.toEpochMilli());
            entity.setRevokeReason(reason);
            em.flush();
            return toWindow(entity);
        });
    }

    /** Windows of the realm, newest first, optionally only one user's and only those in one status. */
    public List<ElevationWindow> list(String userId, WindowStatus status, int first, int max) {
        StringBuilder jpql = new StringBuilder("select w from ElevationWindowEntity w where w.realmId = :realmId");
        if (userId != null) {
            jpql.append(" and w.userId = :userId");
        }
        if (status != null) {
            jpql.append(" and w.status = :status");
        }
        jpql.append(" order by w.createdAt desc, w.id");
        TypedQuery<ElevationWindowEntity> query = em.createQuery(jpql.toString(), ElevationWindowEntity.class)
                .setParameter("realmId", realm.getId());
        if (userId != null) {
            query.setParameter("userId", userId);
        }
        if (status != null) {
            query.setParameter("status", status.name());
        }
        return query.setFirstResult(first).setMaxResults(max).getResultStream().map(WindowStore::toWindow).toList();
    }

    private Optional<ElevationWindowEntity> findEntity(String id) {
        return em.createNamedQuery("elevate.windowById", ElevationWindowEntity.class)
                .setParameter("realmId", realm.getId())
                .setParameter("id", id)
                .getResultStream()
                .findFirst();
    }

    private static ElevationWindow toWindow(ElevationWindowEntity e) {
        Map<String, String> tags = new LinkedHashMap<>();
        e.getTags().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
        Target target = new Target(e.getAccountId(), e.getRoleName(), e.getSamlProvider(), e.getRegion(),
                e.getInstanceId(), tags);
        return new ElevationWindow(e.getId(), e.getRealmId(), e.getUserId(), e.getClientId(), target,
                Instant.ofEpochMilli(e.getStartsAt()), Instant.ofEpochMilli(e.getEndsAt()),
                WindowStatus.valueOf(e.getStatus()), e.getJustification(), e.getCreatedBy(), e.getApprovedBy(),
                Instant.ofEpochMilli(e.getCreatedAt()), e.getRevokedBy(),
                e.getRevokedAt() == null ? null : Instant.ofEpochMilli(e.getRevokedAt()), e.getRevokeReason());
    }
}
