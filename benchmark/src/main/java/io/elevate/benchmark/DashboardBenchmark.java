package io.elevate.benchmark;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;

import io.elevate.testing.Elevations;
import io.elevate.testing.PolicyAdmin;
import io.elevate.testing.browser.Browser;
import io.elevate.testing.browser.Page;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.AdminCredentials;
import io.elevate.testing.server.Database;
import io.elevate.testing.server.ElevateBuild;
import io.elevate.testing.server.KeycloakDistribution;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dashboard's cost as the window store grows: one PostgreSQL 15, one Keycloak with Elevate, an auditor; the portal's
 * dashboard page and the same figures from {@code GET /elevation/stats} are timed with {@code bench.smallWindows}
 * (1,000) windows of this month, then again once {@code bench.windows} (1,000,000) windows are stored, the others
 * history of the last three years (bulk-inserted with SQL; see {@link #grow}), and the ratio of the medians is
 * reported: what the dashboard costs as the stored history grows. A run of its own, {@link Benchmark}'s mode {@code dashboard}:
 * {@code ./mvnw -Pbenchmark -pl benchmark -am verify -Dbench.mode=dashboard}.
 */
public final class DashboardBenchmark {

    private static final long MINUTE = 60_000L;
    private static final int BATCH = 50_000;
    private static final int USERS = 10_000;

    private DashboardBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        ElevateBuild build = ElevateBuild.fromSystemProperties();
        long small = Long.getLong("bench.smallWindows", 1_000);
        long large = Long.getLong("bench.windows", 1_000_000);
        int samples = Integer.getInteger("bench.dashboardSamples", 50);
        Path work = build.root().resolve("benchmark").resolve("target");
        System.setProperty(Database.CHOICE, "postgres");
        try (Database database = Database.fromSettings(work)) {
            int[] ports = freePorts();
            KeycloakDistribution keycloak = new KeycloakDistribution(build, work.resolve("keycloak-dashboard"),
                    ports[0], ports[1], AdminCredentials.DEFAULT);
            Runtime.getRuntime().addShutdownHook(new Thread(keycloak::stop, "dashboard-benchmark-shutdown"));
            try {
                keycloak.install();
                Map<String, String> options = new LinkedHashMap<>(database.keycloakOptions());
                options.put("spi-theme--cache-themes", "true");
                options.put("spi-theme--cache-templates", "true");
                keycloak.start(options);
                run(keycloak, database, small, large, samples);
            } finally {
                keycloak.stop();
            }
        }
    }

    private static void run(KeycloakDistribution keycloak, Database database, long small, long large, int samples)
            throws Exception {
        AdminApi admin = new AdminApi(keycloak.baseUrl(), keycloak.admin());
        String realmId = admin.get(DEMO_REALM).expectStatus(200).body().path("id").asText();
        String clientId = admin.get(DEMO_REALM + "/clients?clientId=urn:amazon:webservices").expectStatus(200).body()
                .get(0).path("id").asText();
        Elevations elevations = new Elevations(admin);
        String auditor = elevations.newUser("bench-auditor");
        new PolicyAdmin(admin).grantRealmRole(elevations.userId(auditor), "elevation-auditor");
        AdminApi api = AdminApi.elevationApiAs(keycloak.baseUrl(), DEMO_REALM, auditor, Elevations.PASSWORD);
        String portal = keycloak.baseUrl() + "/realms/" + DEMO_REALM + "/elevation/portal";
        Browser browser = new Browser();
        Page signedIn = browser.open(portal).submit("#kc-form-login",
                Map.of("username", auditor, "password", Elevations.PASSWORD));
        if (signedIn.status() != 200) {
            throw new IllegalStateException("The auditor could not sign in to the portal: " + signedIn.status());
        }

        grow(database, realmId, clientId, small, small);
        Stats smallPage = time(samples, () -> status(browser.open(portal + "/dashboard")));
        Stats smallJson = time(samples, () -> api.get("stats").status());
        System.out.printf("%,d windows: dashboard page %s%n               GET stats %s%n", count(database), smallPage,
                smallJson);
        grow(database, realmId, clientId, large, small);
        Stats largePage = time(samples, () -> status(browser.open(portal + "/dashboard")));
        Stats largeJson = time(samples, () -> api.get("stats").status());
        long windows = count(database);
        System.out.printf("%,d windows: dashboard page %s%n               GET stats %s%n", windows, largePage,
                largeJson);
        explain(database, realmId);
        statementTimes(database, () -> time(10, () -> status(browser.open(portal + "/dashboard"))));

        String format = "%-58s  %s%n";
        System.out.printf("%n" + format, "measure", "result");
        System.out.printf(format, String.format("dashboard page median, %,d / %,d windows", windows, small),
                String.format("%.2f (%.1f vs %.1f ms)", largePage.medianMillis() / smallPage.medianMillis(),
                        largePage.medianMillis(), smallPage.medianMillis()));
        System.out.printf(format, String.format("GET stats median, %,d / %,d windows", windows, small),
                String.format("%.2f (%.1f vs %.1f ms)", largeJson.medianMillis() / smallJson.medianMillis(),
                        largeJson.medianMillis(), smallJson.medianMillis()));
        System.out.printf(format, "dashboard page p90, large store", String.format("%.1f ms",
                largePage.percentileMillis(90)));
    }

    private static int status(Page page) {
        return page.status();
    }

    /** Times {@code samples} calls after a warm-up of a fifth as many; each must answer 200. */
    private static Stats time(int samples, Supplier<Integer> call) {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < samples + Math.max(5, samples / 5); i++) {
            long start = System.nanoTime();
            int status = call.get();
            long elapsed = System.nanoTime() - start;
            if (status != 200) {
                throw new IllegalStateException("Expected 200, got " + status);
            }
            if (i >= Math.max(5, samples / 5)) {
                nanos.add(elapsed);
            }
        }
        return Stats.of(nanos);
    }

    /**
     * Inserts synthetic windows until the table holds {@code total}. The first {@code recent} are this month's
     * activity, created over the last 30 days (the dashboard's default period): one in 500 open now, one in 1,000
     * waiting; the others are history, created from 31 days to three years ago. Statuses as in a busy realm; one in 50
     * break-glass, one in 100 of those never reviewed (in history too).
     */
    static void grow(Database database, String realmId, String clientId, long total, long recent) throws SQLException {
        long now = System.currentTimeMillis();
        String insert = "insert into ELEVATE_WINDOW (ID, VERSION, REALM_ID, USER_ID, CLIENT_ID, ACCOUNT_ID, ROLE_NAME,"
                + " SAML_PROVIDER, REGION, INSTANCE_ID, STARTS_AT, ENDS_AT, STATUS, JUSTIFICATION, CREATED_BY,"
                + " APPROVED_BY, CREATED_AT, POLICY_ID, BREAK_GLASS, APPROVALS_REQUIRED, DECIDED_AT, DECIDED_BY,"
                + " REVIEWED_AT, END_NOTICE_SENT)"
                + " select md5('dash-window-' || n)::uuid::text, 0, ?, md5('dash-user-' || n % " + USERS + ")::uuid::text,"
                + "   ?, '123456789012', 'ElevateSessionManager', 'Keycloak', 'eu-west-1', null,"
                + "   case when n % 500 = 1 and n < ? then ? - 60 * " + MINUTE + " else c.at end,"
                + "   case when n % 500 = 1 and n < ? then ? + 120 * " + MINUTE + " else c.at + 60 * " + MINUTE + " end,"
                + "   s.status, 'INC42: benchmark history', 'benchmark',"
                + "   case when s.status in ('APPROVED', 'REVOKED') then"
                + "     (case when n % 50 = 3 then 'break-glass' else 'bench-approver' end) end,"
                + "   c.at, 'bench-policy-' || n % 12, n % 50 = 3, case when n % 50 = 3 then 0 else 1 end,"
                + "   case when s.status <> 'REQUESTED' then c.at + (n % 240) * " + MINUTE + " end,"
                + "   case when s.status <> 'REQUESTED' then 'bench-approver' end,"
                + "   case when n % 50 = 3 and n % 5000 <> 3 then c.at + 120 * " + MINUTE + " end, true"
                + " from generate_series(?::bigint, ?::bigint - 1) n,"
                + "   lateral (select case when n < ? then ? - (n * 7919 % (30 * 24 * 60)) * " + MINUTE
                + "     else ? - (31 * 24 * 60 + n * 7919 % (3 * 365 * 24 * 60 - 31 * 24 * 60)) * " + MINUTE + " end as at) c,"
                + "   lateral (select case when n % 1000 = 9 and n % 50 <> 3 and n < ? then 'REQUESTED'"
                + "     when n % 500 = 1 or n % 50 = 3 then 'APPROVED'"
                + "     else (array['APPROVED','APPROVED','APPROVED','APPROVED','APPROVED','APPROVED','REVOKED',"
                + "       'EXPIRED','REJECTED','APPROVED'])[n % 10 + 1] end as status) s";
        try (Connection db = database.connect()) {
            long next = value(db, "select count(*) from ELEVATE_WINDOW where CREATED_BY = 'benchmark'");
            long missing = total - value(db, "select count(*) from ELEVATE_WINDOW");
            try (PreparedStatement statement = db.prepareStatement(insert)) {
                for (long from = next; from < next + missing; from += BATCH) {
                    int i = 0;
                    statement.setString(++i, realmId);
                    statement.setString(++i, clientId);
                    statement.setLong(++i, recent);
                    statement.setLong(++i, now);
                    statement.setLong(++i, recent);
                    statement.setLong(++i, now);
                    statement.setLong(++i, from);
                    statement.setLong(++i, Math.min(from + BATCH, next + missing));
                    statement.setLong(++i, recent);
                    statement.setLong(++i, now);
                    statement.setLong(++i, now);
                    statement.setLong(++i, recent);
                    statement.executeUpdate();
                }
            }
            try (Statement maintenance = db.createStatement()) {
                maintenance.execute("vacuum analyze ELEVATE_WINDOW");
            }
        }
    }

    /** The plans of the dashboard's heaviest questions, to see that each uses an index. */
    private static void explain(Database database, String realmId) throws SQLException {
        long now = System.currentTimeMillis();
        long from = now - 30L * 24 * 60 * MINUTE;
        List<String> queries = List.of(
                "select count(*) from ELEVATE_WINDOW where REALM_ID = '" + realmId + "' and STATUS = 'APPROVED'"
                        + " and ENDS_AT > " + now + " and STARTS_AT <= " + now,
                "select CREATED_AT - mod(CREATED_AT, 86400000), count(*) from ELEVATE_WINDOW where REALM_ID = '"
                        + realmId + "' and CREATED_AT >= " + from + " and CREATED_AT < " + now
                        + " and APPROVED_BY is not null group by 1",
                "select count(*) from ELEVATE_WINDOW where REALM_ID = '" + realmId + "' and BREAK_GLASS = true"
                        + " and REVIEWED_AT is null",
                "select ID, CREATED_AT from ELEVATE_WINDOW where REALM_ID = '" + realmId + "' and BREAK_GLASS = true"
                        + " and REVIEWED_AT is null order by REVIEWED_AT, CREATED_AT, ID limit 50");
        try (Connection db = database.connect(); Statement statement = db.createStatement()) {
            for (String query : queries) {
                System.out.println("EXPLAIN ANALYZE " + query);
                try (ResultSet plan = statement.executeQuery("explain analyze " + query)) {
                    while (plan.next()) {
                        System.out.println("  " + plan.getString(1));
                    }
                }
            }
        }
    }

    private static final Pattern TIMED = Pattern.compile("LOG:  duration: ([0-9.]+) ms  (?:execute [^:]*|statement): (.*)");

    /**
     * Where a dashboard load spends its time in the database: every statement PostgreSQL executes while {@code loads}
     * runs, timed by the server ({@code log_min_duration_statement = 0}), summed per statement text and printed by
     * total, so that a statement whose cost grows with the stored windows is named.
     */
    private static void statementTimes(Database database, Runnable loads) throws SQLException, IOException {
        String text = ServerLog.during(database, "log_min_duration_statement", "0", loads);
        Map<String, double[]> bySql = new LinkedHashMap<>();
        Matcher timed = TIMED.matcher(text);
        while (timed.find()) {
            double[] sum = bySql.computeIfAbsent(timed.group(2), sql -> new double[2]);
            sum[0] += 1;
            sum[1] += Double.parseDouble(timed.group(1));
        }
        System.out.println("Statements of 10 dashboard loads at the large store, by total time (ms, count, SQL):");
        bySql.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[1], a.getValue()[1])).limit(12)
                .forEach(e -> System.out.printf("  %9.1f  %4.0f  %s%n", e.getValue()[1], e.getValue()[0],
                        e.getKey().length() > 400 ? e.getKey().substring(0, 400) + "..." : e.getKey()));
    }

    private static long count(Database database) throws SQLException {
        try (Connection db = database.connect()) {
            return value(db, "select count(*) from ELEVATE_WINDOW");
        }
    }

    private static long value(Connection db, String sql) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static int[] freePorts() throws IOException {
        try (ServerSocket http = new ServerSocket(0); ServerSocket management = new ServerSocket(0)) {
            return new int[] {http.getLocalPort(), management.getLocalPort()};
        }
    }
}
