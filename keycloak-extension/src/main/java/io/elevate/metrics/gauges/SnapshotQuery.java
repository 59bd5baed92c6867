package io.elevate.metrics.gauges;

import io.elevate.notify.NoticeState;
import io.elevate.revoke.RevocationState;
import io.elevate.window.WindowStatus;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Counts what the gauges show, in four grouped queries over all realms (no row is loaded). */
final class SnapshotQuery {

    private SnapshotQuery() {
    }

    static Snapshot take(KeycloakSession session, Instant now) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Map<WindowStatus, Long> windows = Snapshot.zeros();
        List<Object[]> byStatus = em.createQuery("select w.status, count(w) from ElevationWindowEntity w"
                + " group by w.status", Object[].class).getResultList();
        for (Object[] row : byStatus) {
            try {
                windows.put(WindowStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
            } catch (IllegalArgumentException unknownStatus) {
                // a status written by a newer Elevate: not a label this version exports
            }
        }
        long open = em.createQuery("select count(w) from ElevationWindowEntity w where w.status = :approved"
                        + " and w.startsAt <= :now and w.endsAt > :now", Long.class)
                .setParameter("approved", WindowStatus.APPROVED.name())
                .setParameter("now", now.toEpochMilli())
                .getSingleResult();
        Object[] outbox = em.createQuery("select count(r), min(r.revokedAt) from RevocationEntity r"
                        + " where r.state <> :applied", Object[].class)
                .setParameter("applied", RevocationState.APPLIED.name())
                .getSingleResult();
        long depth = ((Number) outbox[0]).longValue();
        Instant oldest = outbox[1] == null ? null : Instant.ofEpochMilli(((Number) outbox[1]).longValue());
        Object[] notices = em.createQuery("select count(n), min(n.createdAt) from NoticeEntity n"
                        + " where n.state in (:pending, :failed)", Object[].class)
                .setParameter("pending", NoticeState.PENDING.name())
                .setParameter("failed", NoticeState.FAILED.name())
                .getSingleResult();
        long noticeDepth = ((Number) notices[0]).longValue();
        Instant noticeOldest = notices[1] == null ? null : Instant.ofEpochMilli(((Number) notices[1]).longValue());
        return new Snapshot(windows, open, depth, oldest, noticeDepth, noticeOldest, now);
    }
}
