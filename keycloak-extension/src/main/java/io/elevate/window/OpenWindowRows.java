package io.elevate.window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sign-in's read of the open windows as plain rows: every column of a window and one of its tags per row, read by
 * the named query {@value #QUERY} without entities. So nothing enters the persistence context (no entity, no tag
 * collection, no snapshot for Hibernate to compare at the next flush or at commit), and the SQL needs no
 * {@code distinct} over the wide rows. It asks exactly the question of {@code elevate.openWindows}: the same
 * conditions, the same order, through the same index; {@link #windows} builds the same {@link ElevationWindow}s.
 */
final class OpenWindowRows {

    static final String QUERY = "elevate.openWindowsForSignIn";

    /** The select list; {@link #window} reads it by position. */
    private static final String COLUMNS = "w.id, w.realmId, w.userId, w.clientId, w.accountId, w.roleName,"
            + " w.samlProvider, w.region, w.instanceId, w.startsAt, w.endsAt, w.status, w.justification, w.createdBy,"
            + " w.approvedBy, w.createdAt, w.revokedBy, w.revokedAt, w.revokeReason, w.policyId, w.ticket,"
            + " w.breakGlass, w.approvalsRequired, w.expiresAt, w.decidedBy, w.decidedAt, w.decisionComment,"
            + " w.reviewedBy, w.reviewedAt, w.extensionMinutes, w.extensionJustification, w.round, w.endNoticeSent,"
            + " t.key, t.value";
    private static final int TAG_KEY = 33;
    private static final int TAG_VALUE = 34;

    /** {@code elevate.openWindows}'s conditions and order (windows by end, then id), tags in their stored order. */
    static final String JPQL = "select " + COLUMNS + " from ElevationWindowEntity w left join w.tags t"
            + " where w.realmId = :realmId and w.userId = :userId and w.clientId = :clientId"
            + " and w.endsAt > :now and w.startsAt <= :now and w.status = :status order by w.endsAt, w.id, index(t)";

    private OpenWindowRows() {
    }

    /** The windows of these rows (one row per tag, or one without tag), in the order of their first row. */
    static List<ElevationWindow> windows(List<Object[]> rows) {
        Map<String, List<Object[]>> byWindow = new LinkedHashMap<>();
        for (Object[] row : rows) {
            byWindow.computeIfAbsent((String) row[0], id -> new ArrayList<>(4)).add(row);
        }
        List<ElevationWindow> windows = new ArrayList<>(byWindow.size());
        byWindow.values().forEach(windowRows -> windows.add(window(windowRows)));
        return List.copyOf(windows);
    }

    private static ElevationWindow window(List<Object[]> rows) {
        Object[] r = rows.get(0);
        Map<String, String> tags = new LinkedHashMap<>();
        for (Object[] row : rows) {
            if (row[TAG_KEY] != null) {
                tags.put((String) row[TAG_KEY], (String) row[TAG_VALUE]);
            }
        }
        Target target = new Target((String) r[4], (String) r[5], (String) r[6], (String) r[7], (String) r[8], tags);
        RequestInfo request = new RequestInfo((String) r[19], (String) r[20], (Boolean) r[21], (Integer) r[22],
                instant(r[23]), (String) r[24], instant(r[25]), (String) r[26], (String) r[27], instant(r[28]),
                (Integer) r[29], (String) r[30], (Integer) r[31], (Boolean) r[32]);
        return new ElevationWindow((String) r[0], (String) r[1], (String) r[2], (String) r[3], target,
                instant(r[9]), instant(r[10]), WindowStatus.valueOf((String) r[11]), (String) r[12],
                (String) r[13], (String) r[14], instant(r[15]), (String) r[16], instant(r[17]), (String) r[18],
                request);
    }

    private static Instant instant(Object millis) {
        return millis == null ? null : Instant.ofEpochMilli((Long) millis);
    }
}
