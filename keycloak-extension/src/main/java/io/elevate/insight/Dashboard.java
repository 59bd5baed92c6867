package io.elevate.insight;

import io.elevate.Arns;
import io.elevate.AwsPartition;

import io.elevate.workflow.ElevationPolicy;
import io.elevate.workflow.ElevationStore;

import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dashboard's figures, read with a few aggregate queries, each answered from an index (see the changelog
 * {@code 2026-12-05-audit-dashboard-indexes} and {@code 2026-12-05-dashboard-review-latency}): lists are capped at {@link #LIST} rows and counted separately; the
 * period's figures are grouped in the database, never by loading the windows.
 */
public final class Dashboard {

    /** The most rows each list of "now" holds. */
    public static final int LIST = 50;
    /** The most targets and people the period's rankings name. */
    public static final int TOP = 10;
    private static final long DAY = 86_400_000L;
    /** The provider type of Keycloak's user federation components (LDAP, Kerberos, custom user storage). */
    private static final String USER_STORAGE = "org.keycloak.storage.UserStorageProvider";
    private static final String WINDOW_COLUMNS = "select w.id, w.userId, w.policyId, w.accountId, w.roleName,"
            + " w.instanceId, w.breakGlass, w.createdAt, w.startsAt, w.endsAt, w.approvalsRequired, w.round, w.autoRule"
            + " from ElevationWindowEntity w where w.realmId = :realmId";
    /** Latency buckets: upper bounds in seconds. */
    private static final long[] BOUNDS = {5 * 60, 15 * 60, 60 * 60, 4 * 3600, 24 * 3600};
    private static final String[] LABELS = {"< 5 min", "5–15 min", "15–60 min", "1–4 h", "4–24 h", "≥ 24 h"};

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final Map<String, String[]> people = new HashMap<>();
    private Map<String, ElevationPolicy> policies;

    public Dashboard(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** With the realm's policies by id, as the page has read them already (they are not read again). */
    public Dashboard(KeycloakSession session, RealmModel realm, Map<String, ElevationPolicy> policies) {
        this(session, realm);
        this.policies = Map.copyOf(policies);
    }

    /** Now, and the days {@code from}..{@code to} (UTC, both included). */
    public Figures figures(Instant now, LocalDate from, LocalDate to) {
        return new Figures(now, current(now), period(from, to));
    }

    Figures.Now current(Instant now) {
        long at = now.toEpochMilli();
        List<Figures.WindowLine> open = lines(em.createQuery(WINDOW_COLUMNS + " and w.status = 'APPROVED'"
                + " and w.endsAt > :now and w.startsAt <= :now order by w.endsAt, w.id", Object[].class)
                .setParameter("now", at));
        long openCount = count("select count(w) from ElevationWindowEntity w where w.realmId = :realmId"
                + " and w.status = 'APPROVED' and w.endsAt > :now and w.startsAt <= :now", at);
        List<Figures.WindowLine> waiting = lines(em.createQuery(WINDOW_COLUMNS + " and w.status = 'REQUESTED'"
                + " order by w.createdAt, w.id", Object[].class));
        long waitingCount = count("select count(w) from ElevationWindowEntity w where w.realmId = :realmId"
                + " and w.status = 'REQUESTED'", null);
        // Awaiting review: break-glass windows and windows a policy rule approved; two queries, each answered from
        // its index (break glass; auto rule), merged oldest first.
        // The break-glass list is ordered as IDX_ELEVATE_WINDOW_BREAK_GLASS (realm, break glass, reviewed at, created
        // at, id) is: reviewedAt is null in every row, so the order is the same, and PostgreSQL reads the first rows
        // from that index instead of walking every window in creation order.
        List<Object[]> unreviewedRows = new ArrayList<>(rows(em.createQuery(WINDOW_COLUMNS + " and w.breakGlass = true"
                + " and w.reviewedAt is null order by w.reviewedAt, w.createdAt, w.id", Object[].class)));
        unreviewedRows.addAll(rows(em.createQuery(WINDOW_COLUMNS + " and w.reviewedAt is null"
                + " and w.autoRule is not null and w.breakGlass = false order by w.createdAt, w.id", Object[].class)));
        unreviewedRows.sort(java.util.Comparator.comparingLong((Object[] r) -> number(r[7]))
                .thenComparing(r -> (String) r[0]));
        List<Figures.WindowLine> unreviewed = lines(unreviewedRows.subList(0, Math.min(LIST, unreviewedRows.size())));
        long unreviewedCount = count("select count(w) from ElevationWindowEntity w where w.realmId = :realmId"
                + " and w.breakGlass = true and w.reviewedAt is null", null)
                + count("select count(w) from ElevationWindowEntity w where w.realmId = :realmId"
                + " and w.reviewedAt is null and w.autoRule is not null and w.breakGlass = false", null);
        List<Figures.RevocationLine> revocations = em.createQuery("select r.windowId, r.partition, r.accountId, r.roleName,"
                        + " r.state, r.attempts, r.revokedAt, r.nextAttemptAt, r.lastError from RevocationEntity r"
                        + " where r.realmId = :realmId and r.state in ('PENDING', 'FAILED')"
                        + " order by r.revokedAt, r.id", Object[].class)
                .setParameter("realmId", realm.getId()).setMaxResults(LIST).getResultStream()
                .map(r -> new Figures.RevocationLine((String) r[0], (String) r[2], (String) r[3],
                        Arns.role(AwsPartition.ofId((String) r[1]).orElseThrow(), (String) r[2], (String) r[3]),
                        (String) r[4],
                        ((Number) r[5]).intValue(), Instant.ofEpochMilli(((Number) r[6]).longValue()),
                        Instant.ofEpochMilli(((Number) r[7]).longValue()), (String) r[8]))
                .toList();
        long revocationCount = count("select count(r) from RevocationEntity r where r.realmId = :realmId"
                + " and r.state in ('PENDING', 'FAILED')", null);
        return new Figures.Now(open, openCount, waiting, waitingCount, unreviewed, unreviewedCount, revocations,
                revocationCount);
    }

    Figures.Period period(LocalDate from, LocalDate to) {
        long start = from.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long end = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        String inPeriod = " from ElevationWindowEntity w where w.realmId = :realmId and w.createdAt >= :start"
                + " and w.createdAt < :end";
        Map<LocalDate, Figures.Day> days = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.put(d, new Figures.Day(d, 0, 0));
        }
        // One pass over the period's windows for the days and the latency: elevations per day, and, per day, the
        // requests decided and how long each took, summed over the days below.
        long[] latency = new long[3 + LABELS.length];
        periodQuery("select w.createdAt - mod(w.createdAt, " + DAY + "),"
                + " sum(case when w.approvedBy is not null then 1 else 0 end),"
                + " sum(case when w.approvedBy is not null and w.breakGlass = true then 1 else 0 end),"
                + latencyColumns() + inPeriod + " group by w.createdAt - mod(w.createdAt, " + DAY + ")", start, end)
                .forEach(r -> {
                    LocalDate day = Instant.ofEpochMilli(((Number) r[0]).longValue()).atZone(ZoneOffset.UTC)
                            .toLocalDate();
                    days.put(day, new Figures.Day(day, number(r[1]), number(r[2])));
                    for (int i = 0; i < latency.length; i++) {
                        latency[i] += number(r[3 + i]);
                    }
                });
        long elevations = days.values().stream().mapToLong(Figures.Day::elevations).sum();
        long breakGlass = days.values().stream().mapToLong(Figures.Day::breakGlass).sum();
        List<Figures.Count> perTarget = new ArrayList<>();
        em.createQuery("select w.policyId, w.accountId, w.roleName, count(w)" + inPeriod
                        + " and w.approvedBy is not null group by w.policyId, w.accountId, w.roleName"
                        + " order by count(w) desc, w.policyId, w.accountId, w.roleName", Object[].class)
                .setParameter("realmId", realm.getId()).setParameter("start", start).setParameter("end", end)
                .setMaxResults(TOP).getResultStream()
                .forEach(r -> perTarget.add(new Figures.Count((String) r[0],
                        targetLabel((String) r[0], (String) r[1], (String) r[2]), number(r[3]))));
        List<Object[]> ranked = em.createQuery("select w.userId, count(w)" + inPeriod + " and w.approvedBy is not null"
                        + " group by w.userId order by count(w) desc, w.userId", Object[].class)
                .setParameter("realmId", realm.getId()).setParameter("start", start).setParameter("end", end)
                .setMaxResults(TOP).getResultList();
        resolve(ranked.stream().map(r -> (String) r[0]).toList());
        List<Figures.Count> perPerson = ranked.stream().map(r -> {
            String[] person = person((String) r[0]);
            return new Figures.Count(person[0], person[1], number(r[1]));
        }).toList();
        return new Figures.Period(from, to, elevations, breakGlass, List.copyOf(days.values()), perTarget, perPerson,
                latency(latency));
    }

    /**
     * A request decided by people (approved or rejected; not break-glass, not a policy rule's approval): its time from
     * asking to its first decision ({@code firstDecidedAt}; an extension's decision overwrites {@code decidedAt}).
     */
    private static final String DECIDED = "w.breakGlass = false and w.autoRule is null and w.policyId is not null"
            + " and w.firstDecidedAt is not null and w.status in ('APPROVED', 'REJECTED', 'REVOKED')";

    /** Per group: decided requests, the sum of their latencies (ms), their count again, then one count per bucket. */
    private static String latencyColumns() {
        StringBuilder jpql = new StringBuilder("sum(case when " + DECIDED + " then 1 else 0 end),"
                + " sum(case when " + DECIDED + " then w.firstDecidedAt - w.createdAt else 0 end),"
                + " sum(case when " + DECIDED + " then 1 else 0 end)");
        long lower = 0;
        for (long bound : BOUNDS) {
            jpql.append(", sum(case when ").append(DECIDED).append(" and w.firstDecidedAt - w.createdAt >= ")
                    .append(lower * 1000).append(" and w.firstDecidedAt - w.createdAt < ").append(bound * 1000)
                    .append(" then 1 else 0 end)");
            lower = bound;
        }
        jpql.append(", sum(case when ").append(DECIDED).append(" and w.firstDecidedAt - w.createdAt >= ")
                .append(lower * 1000).append(" then 1 else 0 end)");
        return jpql.toString();
    }

    private static Figures.Latency latency(long[] sums) {
        List<Figures.Bucket> buckets = new ArrayList<>();
        long from = 0;
        for (int i = 0; i < LABELS.length; i++) {
            Long to = i < BOUNDS.length ? BOUNDS[i] : null;
            buckets.add(new Figures.Bucket(LABELS[i], from, to, sums[3 + i]));
            from = to == null ? from : to;
        }
        long decided = sums[0];
        Long average = decided == 0 ? null : Math.round(sums[1] / 1000.0 / decided);
        return new Figures.Latency(decided, average, buckets);
    }

    private List<Object[]> periodQuery(String jpql, long start, long end) {
        return em.createQuery(jpql, Object[].class).setParameter("realmId", realm.getId())
                .setParameter("start", start).setParameter("end", end).getResultList();
    }

    private long count(String jpql, Long now) {
        TypedQuery<Long> query = em.createQuery(jpql, Long.class).setParameter("realmId", realm.getId());
        if (now != null) {
            query.setParameter("now", now);
        }
        return query.getSingleResult();
    }

    private List<Object[]> rows(TypedQuery<Object[]> query) {
        return query.setParameter("realmId", realm.getId()).setMaxResults(LIST).getResultList();
    }

    private List<Figures.WindowLine> lines(TypedQuery<Object[]> query) {
        return lines(rows(query));
    }

    private List<Figures.WindowLine> lines(List<Object[]> rows) {
        resolve(rows.stream().map(r -> (String) r[1]).toList());
        Map<String, Long> approvals = approvals(rows.stream().map(r -> (String) r[0] + "|" + r[11]).toList(),
                rows.stream().map(r -> (String) r[0]).toList());
        return rows.stream().map(r -> {
            String[] person = person((String) r[1]);
            ElevationPolicy policy = r[2] == null ? null : policies().get((String) r[2]);
            return new Figures.WindowLine((String) r[0], person[0], person[1], policy == null ? null : policy.name(),
                    (String) r[3], (String) r[4], (String) r[5], (Boolean) r[6],
                    Instant.ofEpochMilli(number(r[7])), Instant.ofEpochMilli(number(r[8])),
                    Instant.ofEpochMilli(number(r[9])), approvals.getOrDefault(r[0] + "|" + r[11], 0L),
                    ((Number) r[10]).intValue(), (String) r[12]);
        }).toList();
    }

    /** Approvals per window and round ("id|round"), in one query. */
    private Map<String, Long> approvals(Collection<String> keys, Collection<String> windowIds) {
        if (windowIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Long> counts = new HashMap<>();
        em.createQuery("select a.windowId, a.round, count(a) from ApprovalEntity a where a.windowId in :ids"
                        + " group by a.windowId, a.round", Object[].class)
                .setParameter("ids", windowIds).getResultStream()
                .forEach(r -> counts.put(r[0] + "|" + r[1], number(r[2])));
        counts.keySet().retainAll(keys);
        return counts;
    }

    private String targetLabel(String policyId, String accountId, String roleName) {
        ElevationPolicy policy = policyId == null ? null : policies().get(policyId);
        String target = accountId + " · " + roleName;
        return policy == null ? target : policy.name() + " (" + target + ")";
    }

    /**
     * Names the people of a list with one query of Keycloak's user table rather than one lookup each. An id the table
     * does not hold is asked of the user store (federation) when the realm has user storage providers; without any,
     * that user is gone and is shown by id.
     */
    private void resolve(Collection<String> userIds) {
        List<String> unknown = userIds.stream().filter(id -> id != null && !people.containsKey(id)).distinct().toList();
        if (unknown.isEmpty()) {
            return;
        }
        em.createQuery("select u.id, u.username, u.firstName, u.lastName from UserEntity u"
                        + " where u.realmId = :realmId and u.id in :ids", Object[].class)
                .setParameter("realmId", realm.getId()).setParameter("ids", unknown).getResultStream()
                .forEach(u -> {
                    String name = ((u[2] == null ? "" : (String) u[2]) + " " + (u[3] == null ? "" : (String) u[3]))
                            .trim();
                    people.put((String) u[0], new String[] {(String) u[1], name.isEmpty() ? (String) u[1] : name});
                });
        boolean federated = realm.getComponentsStream(realm.getId(), USER_STORAGE)
                .findAny().isPresent();
        if (!federated) {
            unknown.stream().filter(id -> !people.containsKey(id)).forEach(id -> people.put(id, new String[] {id, id}));
        }
    }

    /** Username and display name of a user id; the id itself when the user is gone. */
    private String[] person(String userId) {
        return people.computeIfAbsent(userId, id -> {
            UserModel user = session.users().getUserById(realm, id);
            if (user == null) {
                return new String[] {id, id};
            }
            String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " "
                    + (user.getLastName() == null ? "" : user.getLastName())).trim();
            return new String[] {user.getUsername(), name.isEmpty() ? user.getUsername() : name};
        });
    }

    private Map<String, ElevationPolicy> policies() {
        if (policies == null) {
            policies = ElevationStore.of(session).policies(realm).all().stream()
                    .collect(Collectors.toMap(ElevationPolicy::id, Function.identity(), (a, b) -> a));
        }
        return policies;
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
