package io.elevate.benchmark;


import io.elevate.testing.server.Database;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Elevate's window table in PostgreSQL, seen from outside Keycloak: bulk-loads synthetic windows with SQL, times the
 * sign-in query, explains it, and reads the scan counters.
 *
 * <p>Synthetic window {@code n} belongs to user {@code n % windowUsers} of a pool whose first ids are the measured
 * (real) users and the rest made-up ids. Every synthetic window is history: it ended before now (approved, revoked,
 * expired or rejected), except one in 20 that is open now but for another client. So the store grows while each
 * measured user still has exactly one open window of the AWS client, the one granted through the admin API.
 */
final class WindowTable {

    /**
     * The SQL Hibernate generates for the named query {@code elevate.openWindowsForSignIn}, the sign-in's read (every
     * column of the window and one tag a row, as plain rows), its select list shortened.
     */
    static final String SIGN_IN_SQL = "select w.*, t.TAG_KEY, t.TAG_VALUE"
            + " from ELEVATE_WINDOW w left join ELEVATE_WINDOW_TAG t on w.ID = t.WINDOW_ID"
            + " where w.REALM_ID = ? and w.USER_ID = ? and w.CLIENT_ID = ? and w.ENDS_AT > ? and w.STARTS_AT <= ?"
            + " and w.STATUS = ? order by w.ENDS_AT, w.ID, t.POSITION";
    static final String INDEX = "IDX_ELEVATE_WINDOW_SIGNIN";
    static final String OPEN_WINDOWS = "elevate.openWindowsForSignIn";
    static final String STILL_OPEN = "elevate.stillOpenId";

    /** A statement in PostgreSQL's log ({@code log_statement}): simple or extended protocol, one line. */
    private static final Pattern LOGGED_STATEMENT = Pattern.compile("LOG:  (?:statement|execute [^:]*): (.*)");
    private static final Pattern READS_WINDOWS = Pattern.compile("(?i)\\bfrom ELEVATE_WINDOW\\b(?!_)");
    /** The re-check before writing: the chosen windows by primary key ({@code ID = $1}, or {@code ID in (...)}). */
    private static final Pattern BY_IDS = Pattern.compile("(?i)\\.ID\\s*(=\\s*(\\?|\\$\\d+)|in\\s*\\()");

    private static final String CREATED_BY = "benchmark";
    private static final int BATCH = 50_000;
    private static final long HOUR = 3_600_000L;

    private final Database database;
    private final String realmId;
    private final String clientId;
    private final List<String> measuredUserIds;
    private final int windowUsers;

    WindowTable(Database database, String realmId, String clientId, List<String> measuredUserIds, int windowUsers) {
        this.database = database;
        this.realmId = realmId;
        this.clientId = clientId;
        this.measuredUserIds = List.copyOf(measuredUserIds);
        this.windowUsers = windowUsers;
    }

    long count() throws SQLException {
        return longValue("select count(*) from ELEVATE_WINDOW");
    }

    /** Inserts synthetic windows (three tags each) until the table holds {@code total} rows, then VACUUM ANALYZE. */
    void growTo(long total) throws SQLException {
        long next = longValue("select count(*) from ELEVATE_WINDOW where CREATED_BY = '" + CREATED_BY + "'");
        long missing = total - count();
        long now = System.currentTimeMillis();
        String insert = "with w as (insert into ELEVATE_WINDOW (ID, VERSION, REALM_ID, USER_ID, CLIENT_ID, ACCOUNT_ID,"
                + " ROLE_NAME, SAML_PROVIDER, REGION, INSTANCE_ID, STARTS_AT, ENDS_AT, STATUS, JUSTIFICATION,"
                + " CREATED_BY, CREATED_AT, END_NOTICE_SENT)"
                + " select md5('bench-window-' || n)::uuid::text, 0, ?,"
                + "   case when n % " + windowUsers + " < ? then (?::text[])[n % " + windowUsers + " + 1]"
                + "        else md5('bench-user-' || n % " + windowUsers + ")::uuid::text end,"
                + "   case when n % 20 = 19 then md5('bench-other-client')::uuid::text else ? end,"
                + "   '123456789012', 'ElevateSessionManager', 'Keycloak', 'eu-west-1', 'i-0123456789abcdef0',"
                + "   s.starts,"
                + "   case when n % 20 = 19 then " + now + " + 24 * " + HOUR + " else s.starts + " + HOUR + " end,"
                + "   (array['APPROVED','APPROVED','APPROVED','APPROVED','APPROVED','APPROVED','REVOKED','EXPIRED',"
                + "          'REJECTED','APPROVED'])[n % 10 + 1],"
                + "   'INC42: benchmark history', '" + CREATED_BY + "', s.starts, true"
                + " from generate_series(?::bigint, ?::bigint - 1) n,"
                + "   lateral (select " + now + " - (n / " + windowUsers + " + 2) * 8 * " + HOUR + " as starts) s"
                + " returning ID)"
                + " insert into ELEVATE_WINDOW_TAG (WINDOW_ID, POSITION, TAG_KEY, TAG_VALUE)"
                + " select w.ID, t.p, t.k, t.v from w cross join (values (0, 'AppGroupName', 'webserver'),"
                + "   (1, 'AppId', 'ABC'), (2, 'ReleaseId', '1.0')) t(p, k, v)";
        try (Connection db = database.connect(); PreparedStatement statement = db.prepareStatement(insert)) {
            Array users = db.createArrayOf("text", measuredUserIds.toArray());
            for (long from = next; from < next + missing; from += BATCH) {
                statement.setString(1, realmId);
                statement.setInt(2, measuredUserIds.size());
                statement.setArray(3, users);
                statement.setString(4, clientId);
                statement.setLong(5, from);
                statement.setLong(6, Math.min(from + BATCH, next + missing));
                statement.executeUpdate();
            }
            try (Statement maintenance = db.createStatement()) {
                maintenance.execute("vacuum analyze ELEVATE_WINDOW");
                maintenance.execute("vacuum analyze ELEVATE_WINDOW_TAG");
            }
        }
    }

    /** Runs the sign-in query {@code count} times over JDBC, cycling through the measured users, after a warm-up. */
    List<Long> timeLookups(int count) throws SQLException {
        List<Long> nanos = new ArrayList<>(count);
        try (Connection db = database.connect(); PreparedStatement query = db.prepareStatement(SIGN_IN_SQL)) {
            int warmup = Math.max(100, count / 10);
            for (int i = 0; i < warmup + count; i++) {
                long start = System.nanoTime();
                bind(query, measuredUserIds.get(i % measuredUserIds.size()), System.currentTimeMillis());
                int rows = 0;
                try (ResultSet result = query.executeQuery()) {
                    while (result.next()) {
                        rows++;
                    }
                }
                long elapsed = System.nanoTime() - start;
                if (rows != 3) {
                    throw new IllegalStateException("Expected the one open window with its 3 tags, got " + rows
                            + " rows");
                }
                if (i >= warmup) {
                    nanos.add(elapsed);
                }
            }
        }
        return nanos;
    }

    /** {@code EXPLAIN (ANALYZE, BUFFERS)} of the sign-in query for the first measured user. */
    List<String> explain() throws SQLException {
        List<String> plan = new ArrayList<>();
        try (Connection db = database.connect();
             PreparedStatement explain = db.prepareStatement("explain (analyze, buffers) " + SIGN_IN_SQL)) {
            bind(explain, measuredUserIds.get(0), System.currentTimeMillis());
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    plan.add(rows.getString(1));
                }
            }
        }
        return plan;
    }

    /**
     * The statements PostgreSQL executes while {@code action} runs, read from its server log with
     * {@code log_statement = all} switched on for that time (the benchmark's own are left out), by kind: the sign-in
     * query ({@value #OPEN_WINDOWS}), the re-check by id ({@value #STILL_OPEN}), other statements
     * reading ELEVATE_WINDOW, and all statements.
     */
    Map<String, Long> statementsDuring(Runnable action) throws SQLException, IOException {
        String text = ServerLog.during(database, "log_statement", "'all'", () -> {
            try {
                Thread.sleep(500);
                action.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Map<String, Long> kinds = new TreeMap<>(Map.of(OPEN_WINDOWS, 0L, STILL_OPEN, 0L, "other ELEVATE_WINDOW", 0L,
                "all", 0L));
        Matcher logged = LOGGED_STATEMENT.matcher(text);
        while (logged.find()) {
            String sql = logged.group(1);
            if (sql.contains("alter system") || sql.contains("pg_reload_conf")) {
                continue;
            }
            kinds.merge("all", 1L, Long::sum);
            if (READS_WINDOWS.matcher(sql).find()) {
                String kind = BY_IDS.matcher(sql).find() ? STILL_OPEN
                        : sql.contains("USER_ID") && sql.contains("CLIENT_ID") ? OPEN_WINDOWS
                        : "other ELEVATE_WINDOW";
                kinds.merge(kind, 1L, Long::sum);
            }
        }
        return kinds;
    }

    /** PostgreSQL's cumulative counters for the window table: scans of each of its indexes, and sequential scans. */
    Scans scans() throws SQLException {
        Map<String, Long> byIndex = new TreeMap<>();
        long sequential;
        try (Connection db = database.connect(); Statement statement = db.createStatement()) {
            try (ResultSet rows = statement.executeQuery("select indexrelname, idx_scan from pg_stat_user_indexes"
                    + " where relname = 'elevate_window'")) {
                while (rows.next()) {
                    byIndex.put(rows.getString(1).toUpperCase(Locale.ROOT), rows.getLong(2));
                }
            }
            try (ResultSet row = statement.executeQuery(
                    "select seq_scan from pg_stat_user_tables where relname = 'elevate_window'")) {
                row.next();
                sequential = row.getLong(1);
            }
        }
        return new Scans(byIndex, sequential);
    }

    /**
     * The counters once they stop moving: PostgreSQL backends report their counts when idle, about once a second,
     * so this waits until two readings a second apart agree (at most 30 s).
     */
    Scans settledScans() throws SQLException, InterruptedException {
        Scans previous = scans();
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1_000);
            Scans current = scans();
            if (current.equals(previous)) {
                return current;
            }
            previous = current;
        }
        return previous;
    }

    /** Scans of each index of ELEVATE_WINDOW and sequential scans; {@link #minus} gives those between two readings. */
    record Scans(Map<String, Long> byIndex, long sequential) {
        long signInIndex() {
            return byIndex.getOrDefault(INDEX, 0L);
        }

        Scans minus(Scans earlier) {
            Map<String, Long> delta = new TreeMap<>();
            byIndex.forEach((index, scans) -> delta.put(index, scans - earlier.byIndex.getOrDefault(index, 0L)));
            return new Scans(delta, sequential - earlier.sequential);
        }
    }

    private void bind(PreparedStatement statement, String userId, long now) throws SQLException {
        statement.setString(1, realmId);
        statement.setString(2, userId);
        statement.setString(3, clientId);
        statement.setLong(4, now);
        statement.setLong(5, now);
        statement.setString(6, "APPROVED");
    }

    private long longValue(String sql) throws SQLException {
        try (Connection db = database.connect(); Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }
}
