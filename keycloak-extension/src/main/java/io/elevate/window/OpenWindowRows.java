package io.elevate.window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sign-in's read of the open windows as plain rows, by the named query {@value #QUERY}: what a sign-in uses of a
 * window (its id, target with its role-chaining and Run As choices, bounds and justification) and one of its tags per row, without entities. So nothing enters
 * the persistence context (no entity, no tag collection, no snapshot for Hibernate to compare at the next flush or at
 * commit), the SQL needs no {@code distinct} over wide rows, and the database parses and sends a short statement. Its
 * conditions fit the index {@code IDX_ELEVATE_WINDOW_SIGNIN} (checked by {@code WindowIndexIT}).
 *
 * <p>The windows it builds are those windows as a sign-in sees them: realm, user and client are those asked for, the
 * status is {@link WindowStatus#APPROVED} (the query asks for no other); the workflow's record of a window (who
 * created and approved it, when, its request) is not read: {@code createdBy}, {@code approvedBy} and
 * {@code createdAt} are null and {@code request} is {@link RequestInfo#NONE}.
 */
final class OpenWindowRows {

    static final String QUERY = "elevate.openWindowsForSignIn";

    /** Open approved windows of one user and client, by end then id, tags in their stored order. */
    static final String JPQL = "select w.id, w.accountId, w.roleName, w.samlProvider, w.region, w.instanceId,"
            + " w.startsAt, w.endsAt, w.justification, w.roleChaining, w.runAsUser, t.key, t.value from ElevationWindowEntity w left join w.tags t"
            + " where w.realmId = :realmId and w.userId = :userId and w.clientId = :clientId"
            + " and w.endsAt > :now and w.startsAt <= :now and w.status = :status order by w.endsAt, w.id, index(t)";

    private static final int ROLE_CHAINING = 9;
    private static final int RUN_AS_USER = 10;
    private static final int TAG_KEY = 11;
    private static final int TAG_VALUE = 12;

    private OpenWindowRows() {
    }

    /**
     * The windows of these rows (one row per tag, or one without tag), in the order of their first row; realm, user
     * and client are those the query asked for.
     */
    static List<ElevationWindow> windows(List<Object[]> rows, String realmId, String userId, String clientId) {
        Map<String, List<Object[]>> byWindow = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byWindow.computeIfAbsent((String) row[0], id -> new ArrayList<>(4)).add(row);
        }
        List<ElevationWindow> windows = new ArrayList<>(byWindow.size());
        byWindow.values().forEach(windowRows -> windows.add(window(windowRows, realmId, userId, clientId)));
        return List.copyOf(windows);
    }

    private static ElevationWindow window(List<Object[]> rows, String realmId, String userId, String clientId) {
        Object[] r = rows.get(0);
        Map<String, String> tags = new LinkedHashMap<>();
        for (Object[] row : rows) {
            if (row[TAG_KEY] != null) {
                tags.put((String) row[TAG_KEY], (String) row[TAG_VALUE]);
            }
        }
        Target target = new Target((String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5], tags,
                (Boolean) r[ROLE_CHAINING], (String) r[RUN_AS_USER]);
        return new ElevationWindow((String) r[0], realmId, userId, clientId, target,
                Instant.ofEpochMilli((Long) r[6]), Instant.ofEpochMilli((Long) r[7]), WindowStatus.APPROVED,
                (String) r[8], null, null, null, null, null, null, RequestInfo.NONE);
    }
}
