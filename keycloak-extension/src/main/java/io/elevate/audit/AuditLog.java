package io.elevate.audit;

import io.elevate.window.ElevationWindow;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Elevate's audit trail, written in the same transaction as the change it records. Obtained from the session's store:
 * {@code ElevationStore.of(session).audit(realm)}.
 */
public final class AuditLog {

    /** The most characters of a record's detail (column ELEVATE_AUDIT.DETAIL). */
    public static final int MAX_DETAIL = 8192;
    /** A refusal's detail ({@code {policy=<id>, ...}}, as the workflow writes it) names the policy; ids are UUIDs. */
    private static final Pattern POLICY = Pattern.compile(
            "(?:^\\{|, )policy=([0-9A-Za-z-]{1,36})(?=[,}])");
    private static final Pattern BREAK_GLASS = Pattern.compile(
            "(?:^\\{|, )breakGlass=(true|false)(?=[,}])");

    private final EntityManager em;
    private final RealmModel realm;

    public AuditLog(KeycloakSession session, RealmModel realm) {
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        this.realm = realm;
    }

    public AuditRecord record(String action, String windowId, Actor actor, String detail, Instant now) {
        AuditRecordEntity entity = entity(action, windowId, actor, detail, now);
        about(entity, windowId, detail);
        em.persist(entity);
        return toRecord(entity);
    }

    /**
     * {@link #record(String, String, Actor, String, Instant)} for a window the caller holds: its policy and break-glass
     * flag are taken from it rather than read again.
     */
    public AuditRecord recordOn(String action, ElevationWindow window, Actor actor, String detail,
                              Instant now) {
        AuditRecordEntity entity = entity(action, window.id(), actor, detail, now);
        entity.setPolicyId(window.request().policyId());
        entity.setBreakGlass(window.request().breakGlass());
        em.persist(entity);
        return toRecord(entity);
    }

    private AuditRecordEntity entity(String action, String windowId, Actor actor, String detail, Instant now) {
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
        return entity;
    }

    /**
     * Stores what the history filters on, where known: the policy and break-glass flag of the record's window, or for a
     * record without a window (a refusal: DENIED, RULE_ERROR, limits) the policy its detail names.
     */
    private void about(AuditRecordEntity entity, String windowId, String detail) {
        if (windowId != null) {
            em.createQuery("select w.policyId, w.breakGlass from ElevationWindowEntity w where w.id = :id",
                            Object[].class).setParameter("id", windowId).getResultStream().findFirst()
                    .ifPresent(w -> {
                        entity.setPolicyId((String) w[0]);
                        entity.setBreakGlass((Boolean) w[1]);
                    });
        } else {
            entity.setPolicyId(policyOf(detail));
            entity.setBreakGlass(breakGlassOf(detail));
        }
    }

    /**
     * Whether a refusal's detail says it refused a break-glass attempt ({@code breakGlass=true}); null when it does not
     * say, as for refusals of ordinary requests.
     */
    public static Boolean breakGlassOf(String detail) {
        String glass = single(BREAK_GLASS, detail);
        return glass == null ? null : Boolean.valueOf(glass);
    }

    /** The policy a detail names ({@code policy=<id>}); null when it names none, or several different ones. */
    static String policyOf(String detail) {
        return single(POLICY, detail);
    }

    /**
     * The one value the pattern finds in the detail's head, before its free text ({@code reason=} or {@code error=},
     * always written last, which may hold anything); null when the head has none, or several different ones.
     */
    private static String single(Pattern pattern, String detail) {
        if (detail == null) {
            return null;
        }
        Set<String> found = new HashSet<>();
        Matcher m = pattern.matcher(detail).region(0, freeTextStart(detail));
        m.useTransparentBounds(true);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found.size() == 1 ? found.iterator().next() : null;
    }

    private static int freeTextStart(String detail) {
        int start = detail.length();
        for (String key : new String[] {", reason=", ", error="}) {
            int at = detail.indexOf(key);
            if (at >= 0) {
                start = Math.min(start, at);
            }
        }
        return start;
    }

    /** What an auditor filters on; null fields do not filter. Times are inclusive-exclusive. */
    public record Filter(String windowId, String actorName, String action, Instant from, Instant to) {

        public static Filter window(String windowId) {
            return new Filter(windowId, null, null, null, null);
        }
    }

    /** The realm's records matching the filter, oldest first. */
    public List<AuditRecord> list(Filter filter, int first, int max) {
        StringBuilder jpql = new StringBuilder("select a from AuditRecordEntity a where a.realmId = :realmId");
        if (filter.windowId() != null) {
            jpql.append(" and a.windowId = :windowId");
        }
        if (filter.actorName() != null) {
            jpql.append(" and a.actorName = :actorName");
        }
        if (filter.action() != null) {
            jpql.append(" and a.action = :action");
        }
        if (filter.from() != null) {
            jpql.append(" and a.occurredAt >= :from");
        }
        if (filter.to() != null) {
            jpql.append(" and a.occurredAt < :to");
        }
        jpql.append(" order by a.occurredAt, a.id");
        var query = em.createQuery(jpql.toString(), AuditRecordEntity.class).setParameter("realmId", realm.getId());
        if (filter.windowId() != null) {
            query.setParameter("windowId", filter.windowId());
        }
        if (filter.actorName() != null) {
            query.setParameter("actorName", filter.actorName());
        }
        if (filter.action() != null) {
            query.setParameter("action", filter.action());
        }
        if (filter.from() != null) {
            query.setParameter("from", filter.from().toEpochMilli());
        }
        if (filter.to() != null) {
            query.setParameter("to", filter.to().toEpochMilli());
        }
        return query.setFirstResult(first).setMaxResults(max).getResultStream().map(AuditLog::toRecord).toList();
    }

    /**
     * What the history page and its CSV filter on; null fields do not filter. {@code person} is a username: records
     * that person made, and records of requests that person made (by their user id, when the user still exists).
     * {@code policyId} and {@code breakGlassOnly} look at the request the record is about. Times are
     * inclusive-exclusive.
     */
    public record Search(String person, String personId, String policyId, String action, boolean breakGlassOnly,
                         Instant from, Instant to) {

        public static final Search ALL = new Search(null, null, null, null, false, null, null);
    }

    /** The realm's records matching the search, newest first: each condition has its index (see the changelog). */
    public List<AuditRecord> search(Search search, int first, int max) {
        var query = em.createQuery("select a from AuditRecordEntity a" + where(search)
                + " order by a.occurredAt desc, a.id desc", AuditRecordEntity.class);
        bind(query, search);
        return query.setFirstResult(first).setMaxResults(max).getResultStream().map(AuditLog::toRecord).toList();
    }

    /** How many of the realm's records match the search. */
    public long count(Search search) {
        var query = em.createQuery("select count(a) from AuditRecordEntity a" + where(search), Long.class);
        bind(query, search);
        return query.getSingleResult();
    }

    private static String where(Search search) {
        StringBuilder jpql = new StringBuilder(" where a.realmId = :realmId");
        if (search.action() != null) {
            jpql.append(" and a.action = :action");
        }
        if (search.from() != null) {
            jpql.append(" and a.occurredAt >= :from");
        }
        if (search.to() != null) {
            jpql.append(" and a.occurredAt < :to");
        }
        if (search.person() != null) {
            jpql.append(search.personId() == null ? " and a.actorName = :person"
                    : " and (a.actorName = :person or a.windowId in (select w.id from ElevationWindowEntity w"
                    + " where w.realmId = :realmId and w.userId = :personId))");
        }
        // The record's own policy and break-glass columns (indexed); records written before them, through their window.
        if (search.policyId() != null) {
            jpql.append(" and (a.policyId = :policyId or (a.policyId is null and a.windowId in (select p.id"
                    + " from ElevationWindowEntity p where p.realmId = :realmId and p.policyId = :policyId)))");
        }
        if (search.breakGlassOnly()) {
            jpql.append(" and (a.breakGlass = true or (a.breakGlass is null and a.windowId in (select b.id"
                    + " from ElevationWindowEntity b where b.realmId = :realmId and b.breakGlass = true)))");
        }
        return jpql.toString();
    }

    private void bind(jakarta.persistence.Query query, Search search) {
        query.setParameter("realmId", realm.getId());
        if (search.action() != null) {
            query.setParameter("action", search.action());
        }
        if (search.from() != null) {
            query.setParameter("from", search.from().toEpochMilli());
        }
        if (search.to() != null) {
            query.setParameter("to", search.to().toEpochMilli());
        }
        if (search.person() != null) {
            query.setParameter("person", search.person());
            if (search.personId() != null) {
                query.setParameter("personId", search.personId());
            }
        }
        if (search.policyId() != null) {
            query.setParameter("policyId", search.policyId());
        }
    }

    /**
     * {@link #record}, at {@code now} or just after the window's newest record if that is not before {@code now}: a
     * step written in the same transaction as the change that caused it (a revocation queued by a revoke, an OS
     * password queued by a break-glass window) reads after that change in the request's life, whatever the clock.
     */
    public AuditRecord recordAfterWindow(String action, String windowId, Actor actor, String detail, Instant now) {
        Instant at = latest(windowId).filter(newest -> !now.isAfter(newest)).map(newest -> newest.plusMillis(1))
                .orElse(now);
        return record(action, windowId, actor, detail, at);
    }

    /** When the newest record of one window was written, if it has any (indexed by window). */
    public java.util.Optional<Instant> latest(String windowId) {
        Long at = em.createQuery("select max(a.occurredAt) from AuditRecordEntity a where a.realmId = :realmId"
                        + " and a.windowId = :windowId", Long.class)
                .setParameter("realmId", realm.getId())
                .setParameter("windowId", windowId)
                .getSingleResult();
        return java.util.Optional.ofNullable(at).map(Instant::ofEpochMilli);
    }

    /** Deletes the records older than {@code before} (retention); returns how many. */
    public int deleteOlderThan(Instant before) {
        return em.createQuery("delete from AuditRecordEntity a where a.realmId = :realmId and a.occurredAt < :before")
                .setParameter("realmId", realm.getId())
                .setParameter("before", before.toEpochMilli())
                .executeUpdate();
    }

    private static AuditRecord toRecord(AuditRecordEntity e) {
        return new AuditRecord(e.getId(), Instant.ofEpochMilli(e.getOccurredAt()), e.getAction(), e.getWindowId(),
                e.getActorId(), e.getActorName(), e.getIpAddress(), e.getDetail());
    }
}
