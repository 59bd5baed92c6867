package io.elevate.benchmark;

import static io.elevate.testing.server.ElevateBuild.DEMO_REALM;

import io.elevate.testing.Elevations;
import io.elevate.testing.server.AdminApi;
import io.elevate.testing.server.AdminCredentials;
import io.elevate.testing.server.Database;
import io.elevate.testing.server.ElevateBuild;
import io.elevate.testing.server.FileTrees;
import io.elevate.testing.server.KeycloakDistribution;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark: one PostgreSQL 15 (or Keycloak's H2), one Keycloak with Elevate and the demo realm on it, then, in one
 * run, (a) SAML sign-in with an SSO session through the gated AWS client against a static AWS SAML client (Keycloak's
 * hardcoded-attribute mappers writing the same attributes) and a plain SAML client, interleaved;
 * (b) the gate's open-window lookup with a small and a large window store; (c) approval API throughput and latency
 * under concurrent clients; (d) server heap with the large store against an (almost) empty one. Prints a table.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark -pl benchmark -am verify}; sizes in {@code bench.*} system properties (see
 * benchmark/pom.xml). {@code -Dbench.only=signin} measures (a) alone, with the store holding only the measured users'
 * windows (always so on H2, {@code -Dbench.database=h2}, whose file only Keycloak can open); {@code -Dbench.jfr=<file>}
 * records the measured sign-ins with Java Flight Recorder. Method and results: docs/benchmarks.md.
 */
public final class Benchmark {

    private final Settings settings;
    private final List<String[]> table = new ArrayList<>();

    private Benchmark(Settings settings) {
        this.settings = settings;
    }

    /** The sizes of a run, from {@code bench.*} system properties. */
    record Settings(long windows, long smallWindows, int windowUsers, int users, int warmup, int signIns, int lookups,
                    int clients, int rounds, String database, boolean signInOnly, String jfr) {
        static Settings fromSystemProperties() {
            String database = System.getProperty("bench.database", "postgres").trim();
            String only = System.getProperty("bench.only", "all").trim();
            if (!only.equals("all") && !only.equals("signin")) {
                throw new IllegalArgumentException("-Dbench.only=" + only + ": all or signin");
            }
            String jfr = System.getProperty("bench.jfr", "none").trim();
            return new Settings(Long.getLong("bench.windows", 1_000_000), Long.getLong("bench.smallWindows", 1_000),
                    Integer.getInteger("bench.windowUsers", 10_000), Integer.getInteger("bench.users", 20),
                    Integer.getInteger("bench.warmup", 100), Integer.getInteger("bench.signIns", 600),
                    Integer.getInteger("bench.lookups", 2_000), Integer.getInteger("bench.clients", 50),
                    Integer.getInteger("bench.rounds", 20), database,
                    only.equals("signin") || database.equalsIgnoreCase("h2"),
                    jfr.equals("none") ? "" : jfr);
        }
    }

    public static void main(String[] args) throws Exception {
        if ("dashboard".equals(System.getProperty("bench.mode"))) {
            DashboardBenchmark.main(args);
            return;
        }
        ElevateBuild build = ElevateBuild.fromSystemProperties();
        Settings settings = Settings.fromSystemProperties();
        System.out.println("Elevate benchmark: " + settings);
        Path work = build.root().resolve("benchmark").resolve("target");
        System.setProperty(Database.CHOICE, settings.database());
        try (Database database = Database.fromSettings(work)) {
            int[] ports = freePorts();
            KeycloakDistribution keycloak = new KeycloakDistribution(build, work.resolve("keycloak"), ports[0],
                    ports[1], AdminCredentials.DEFAULT);
            Runtime.getRuntime().addShutdownHook(new Thread(keycloak::stop, "benchmark-shutdown"));
            try {
                keycloak.install();
                // A new H2 database each run (start-dev keeps it in Keycloak's home), as PostgreSQL is new each run.
                FileTrees.delete(keycloak.home().resolve("data").resolve("h2"));
                Map<String, String> options = new LinkedHashMap<>(database.keycloakOptions());
                // start-dev turns theme and template caching off; a server in production has them on.
                options.put("spi-theme--cache-themes", "true");
                options.put("spi-theme--cache-templates", "true");
                long starting = System.nanoTime();
                // Keycloak's stacks are deep (Vert.x, RESTEasy, the flow, Hibernate): keep whole stacks in a recording.
                keycloak.start(options, settings.jfr().isEmpty() ? Map.of()
                        : Map.of("JAVA_OPTS_APPEND", "-XX:FlightRecorderOptions=stackdepth=512"));
                System.out.printf("Keycloak %s on %s started in %.0f s (log: %s)%n", build.keycloakVersion(), database,
                        (System.nanoTime() - starting) / 1e9, keycloak.logFile());
                new Benchmark(settings).run(keycloak, database);
            } finally {
                keycloak.stop();
            }
        }
    }

    private void run(KeycloakDistribution keycloak, Database database) throws Exception {
        AdminApi admin = new AdminApi(keycloak.baseUrl(), keycloak.admin());
        String realmId = admin.get(DEMO_REALM).expectStatus(200).body().path("id").asText();
        ComparedClients clients = new ComparedClients(admin);
        String awsClientId = clients.awsClientId();
        clients.addPlain();

        // The measured users: real Keycloak users, each with one open window of the AWS client and an SSO session.
        Elevations elevations = new Elevations(admin);
        List<String> usernames = new ArrayList<>();
        List<String> userIds = new ArrayList<>();
        for (int i = 0; i < settings.users(); i++) {
            String username = elevations.newUser("bench");
            elevations.grant(Elevations.window(username, Duration.ofHours(8)));
            usernames.add(username);
            userIds.add(elevations.userId(username));
        }
        SamlSignIns signIns = new SamlSignIns(keycloak.baseUrl());
        String aws = signIns.url(ComparedClients.AWS_URL_NAME);
        String plain = signIns.url(ComparedClients.PLAIN_URL_NAME);
        String fixed = signIns.url(ComparedClients.STATIC_URL_NAME);
        signIns.logIn(usernames, Elevations.PASSWORD, aws);
        if (!signIns.issuesAwsRole(aws) || signIns.issuesAwsRole(plain)) {
            throw new IllegalStateException("Expected Elevate's Role attribute from the AWS client only");
        }
        // The static client writes what Elevate's mapper wrote for the first user, and nothing else.
        Map<String, List<String>> awsAttributes = signIns.attributes(aws);
        clients.addStatic(awsAttributes);
        if (!signIns.attributes(fixed).equals(awsAttributes)) {
            throw new IllegalStateException("The static AWS client writes " + signIns.attributes(fixed)
                    + ", not Elevate's " + awsAttributes);
        }
        System.out.println("Attributes of both AWS clients: " + awsAttributes.keySet());
        ServerJvm jvm = new ServerJvm(keycloak.home());

        // Warm the server up (JIT, caches, pools).
        signIns.interleave(List.of(aws, fixed, plain), 3 * settings.warmup(), 0);
        if (settings.signInOnly()) {
            Phase only = measure(signIns, aws, fixed, plain, jvm, null, userIds.size());
            reportSignIn(only);
            printTable();
            return;
        }
        WindowTable windows = new WindowTable(database, realmId, awsClientId, userIds, settings.windowUsers());
        ServerHeap heap = new ServerHeap(jvm);

        // The (d) baseline: the store holds only the measured users' windows.
        long emptyStoreWindows = windows.count();
        long emptyHeap = heap.usedAfterFullGc();
        System.out.printf("%nHeap with %,d windows: %.1f MB%n", emptyStoreWindows, emptyHeap / 1e6);

        Phase small = phase(windows, signIns, aws, fixed, plain, jvm, settings.smallWindows());
        Phase large = phase(windows, signIns, aws, fixed, plain, null, settings.windows());

        // One query per sign-in? The statements PostgreSQL executes across AWS sign-ins, then plain ones, and its
        // scan counters for the window table.
        int counted = 200;
        WindowTable.Scans before = windows.settledScans();
        Map<String, Long> awsStatements = statements(windows, () -> signIns.repeat(aws, counted));
        WindowTable.Scans scans = windows.settledScans().minus(before);
        Map<String, Long> plainStatements = statements(windows, () -> signIns.repeat(plain, counted));
        System.out.printf("%nStatements across %d sign-ins with %,d windows: AWS client %s, plain client %s%n", counted,
                large.windows, awsStatements, plainStatements);
        System.out.printf("Index scans of ELEVATE_WINDOW across the AWS sign-ins %s, sequential scans %d%n",
                scans.byIndex(), scans.sequential());

        // (d) the same server with the large store.
        long largeHeap = heap.usedAfterFullGc();
        System.out.printf("Heap with %,d windows: %.1f MB%n", large.windows, largeHeap / 1e6);

        // (c)
        System.out.printf("%nApproval API: %d clients x %d request+approve rounds ...%n", settings.clients(),
                settings.rounds());
        ApprovalLoad.Result approvals = new ApprovalLoad(keycloak.baseUrl(), admin).run(settings.clients(),
                settings.rounds());
        Stats requests = Stats.of(approvals.requests());
        Stats approves = Stats.of(approvals.approves());
        System.out.printf("POST requests: %s%nPOST approve:  %s%n", requests, approves);

        report(small, large, awsStatements, plainStatements, scans, counted, emptyStoreWindows, emptyHeap, largeHeap,
                approvals, requests, approves);
    }

    /** The statements counted while {@code signIns} run, or, should PostgreSQL's log be out of reach, none. */
    private static Map<String, Long> statements(WindowTable windows, Runnable signIns) {
        try {
            return windows.statementsDuring(signIns);
        } catch (Exception e) {
            System.out.println("Could not count statements in PostgreSQL's log: " + e);
            return Map.of(WindowTable.OPEN_WINDOWS, -1L, WindowTable.STILL_OPEN, -1L, "other ELEVATE_WINDOW", -1L,
                    "all", -1L);
        }
    }

    /**
     * What was measured at one store size: the sign-ins of the three clients (element {@code i} of each list from the
     * same round), and the sign-in query over JDBC (null on H2).
     */
    private record Phase(long windows, List<Long> awsNanos, List<Long> staticNanos, Stats aws, Stats fixed,
                         Stats plain, Stats lookup) {
        double overhead() {
            return aws.medianMillis() / plain.medianMillis() - 1;
        }

        double staticRatio(double percentile) {
            return aws.percentileMillis(percentile) / fixed.percentileMillis(percentile);
        }

        /** The median over the rounds of AWS / static within one round: insensitive to drift between rounds. */
        double pairedStaticRatio() {
            List<Long> ratios = new ArrayList<>();
            for (int i = 0; i < awsNanos.size(); i++) {
                // in millionths, which Stats reads back as the ratio itself (its "milliseconds" of nanoseconds)
                ratios.add(Math.round(1e6 * awsNanos.get(i) / staticNanos.get(i)));
            }
            return Stats.of(ratios).medianMillis();
        }
    }

    private Phase phase(WindowTable windows, SamlSignIns signIns, String aws, String fixed, String plain,
                        ServerJvm profiled, long size) throws Exception {
        long loading = System.nanoTime();
        windows.growTo(size);
        long count = windows.count();
        System.out.printf("%n=== %,d windows across %,d users (loaded in %.0f s) ===%n", count,
                Math.min(count, settings.windowUsers()), (System.nanoTime() - loading) / 1e9);
        Phase signIn = measure(signIns, aws, fixed, plain, profiled, windows, count);
        System.out.println("EXPLAIN (ANALYZE, BUFFERS) " + WindowTable.SIGN_IN_SQL);
        windows.explain().forEach(line -> System.out.println("  " + line));
        return signIn;
    }

    /**
     * The interleaved sign-ins of one phase (and the sign-in query over JDBC when {@code windows} is given), recorded
     * with Java Flight Recorder when {@code -Dbench.jfr} names a file and {@code profiled} is given.
     */
    private Phase measure(SamlSignIns signIns, String aws, String fixed, String plain, ServerJvm profiled,
                          WindowTable windows, long count) throws Exception {
        FlightRecording recording = profiled != null && !settings.jfr().isEmpty()
                ? FlightRecording.start(profiled, Path.of(settings.jfr())) : null;
        List<List<Long>> rounds = signIns.interleave(List.of(aws, fixed, plain), settings.warmup(),
                settings.signIns());
        if (recording != null) {
            System.out.println("Flight recording of the measured sign-ins: " + recording.stop());
        }
        Stats awsStats = Stats.of(rounds.get(0));
        Stats staticStats = Stats.of(rounds.get(1));
        Stats plainStats = Stats.of(rounds.get(2));
        System.out.printf("SAML sign-in, AWS client (gate + mapper): %s%n", awsStats);
        System.out.printf("SAML sign-in, static AWS SAML client:     %s%n", staticStats);
        System.out.printf("SAML sign-in, plain SAML client:          %s%n", plainStats);
        Stats lookup = null;
        if (windows != null) {
            lookup = Stats.of(windows.timeLookups(settings.lookups()));
            System.out.printf("Sign-in query over JDBC:                  %s%n", lookup);
        }
        return new Phase(count, rounds.get(0), rounds.get(1), awsStats, staticStats, plainStats, lookup);
    }

    /** The rows of (a) for one phase: against the static AWS client (the target), and against the plain client. */
    private void reportSignIn(Phase phase) {
        String windows = count(phase.windows) + " windows";
        double median = phase.staticRatio(50);
        row("(a) AWS / static AWS client, median, " + windows, String.format("%.3f (%.2f vs %.2f ms)", median,
                phase.aws.medianMillis(), phase.fixed.medianMillis()), "<= 1.01", median <= 1.01);
        double p99 = phase.staticRatio(99);
        row("(a) AWS / static AWS client, p99, " + windows, String.format("%.3f (%.2f vs %.2f ms)", p99,
                phase.aws.percentileMillis(99), phase.fixed.percentileMillis(99)), "<= 1.02", p99 <= 1.02);
        row("(a) AWS / static AWS client, median of per-round ratios, " + windows,
                String.format("%.3f (%d rounds)", phase.pairedStaticRatio(), phase.aws.count()), "info", null);
        row("(a) static AWS / plain client, median, " + windows,
                String.format("%.3f", phase.fixed.medianMillis() / phase.plain.medianMillis()), "info", null);
        row("(a) SAML sign-in overhead over the plain client, median, " + windows,
                percent(phase.overhead()) + String.format(" (%.2f vs %.2f ms)", phase.aws.medianMillis(),
                        phase.plain.medianMillis()), "<= 5 %", phase.overhead() <= 0.05);
    }

    private void report(Phase small, Phase large, Map<String, Long> awsStatements,
                        Map<String, Long> plainStatements, WindowTable.Scans scans, int counted, long emptyStoreWindows,
                        long emptyHeap, long largeHeap, ApprovalLoad.Result approvals, Stats requests, Stats approves) {
        reportSignIn(small);
        reportSignIn(large);
        double p90Overhead = small.aws.percentileMillis(90) / small.plain.percentileMillis(90) - 1;
        row("(a) SAML sign-in overhead over the plain client, p90, " + count(small.windows) + " windows",
                percent(p90Overhead), "info", null);
        double signInRatio = large.aws.medianMillis() / small.aws.medianMillis();
        row("(b) AWS sign-in median, " + count(large.windows) + " / " + count(small.windows) + " windows",
                String.format("%.3f", signInRatio), "<= 1.1", signInRatio <= 1.1);
        double driftFree = (large.aws.medianMillis() / large.plain.medianMillis())
                / (small.aws.medianMillis() / small.plain.medianMillis());
        row("(b) same, relative to the plain client's", String.format("%.3f", driftFree), "<= 1.1", driftFree <= 1.1);
        double lookupRatio = large.lookup.medianMillis() / small.lookup.medianMillis();
        row("(b) sign-in query median (JDBC), " + count(large.windows) + " / " + count(small.windows),
                String.format("%.3f (%.3f vs %.3f ms)", lookupRatio, large.lookup.medianMillis(),
                        small.lookup.medianMillis()), "<= 1.1", lookupRatio <= 1.1);
        double queries = (double) awsStatements.get(WindowTable.OPEN_WINDOWS) / counted;
        row("(b) sign-in queries (" + WindowTable.OPEN_WINDOWS + ") per AWS sign-in", String.format("%.2f", queries),
                "1", Math.abs(queries - 1) < 0.05);
        double rechecks = (double) awsStatements.get(WindowTable.STILL_OPEN) / counted;
        row("(b) re-checks by id (" + WindowTable.STILL_OPEN + ") per AWS sign-in", String.format("%.2f", rechecks),
                "1", Math.abs(rechecks - 1) < 0.05);
        row("(b) other statements reading ELEVATE_WINDOW per sign-in",
                String.format("%.2f", (double) awsStatements.get("other ELEVATE_WINDOW") / counted), "info", null);
        row("(b) " + WindowTable.INDEX + " scans, sequential scans (" + counted + " sign-ins)",
                scans.signInIndex() + ", " + scans.sequential(), "info", null);
        row("(a) SQL statements per sign-in, AWS / plain client", String.format("%.1f / %.1f",
                (double) awsStatements.get("all") / counted, (double) plainStatements.get("all") / counted), "info",
                null);
        row("(c) approvals/s, " + settings.clients() + " clients", String.format("%.1f (%d in %.1f s)",
                approvals.approvalsPerSecond(), approvals.approvals(), approvals.seconds()), "report", null);
        row("(c) POST requests latency p50 / p99", String.format("%.1f / %.1f ms", requests.medianMillis(),
                requests.percentileMillis(99)), "report", null);
        row("(c) POST approve latency p50 / p99", String.format("%.1f / %.1f ms", approves.medianMillis(),
                approves.percentileMillis(99)), "report", null);
        row("(d) heap after full GC, " + count(emptyStoreWindows) + " -> " + count(large.windows) + " windows",
                String.format("%.1f -> %.1f MB (x%.2f, %+.1f MB)", emptyHeap / 1e6, largeHeap / 1e6,
                        (double) largeHeap / emptyHeap, (largeHeap - emptyHeap) / 1e6), "report", null);
        printTable();
    }

    private void printTable() {
        int width = table.stream().mapToInt(r -> r[0].length()).max().orElse(10);
        int resultWidth = table.stream().mapToInt(r -> r[1].length()).max().orElse(10);
        String format = "%-" + width + "s  %-" + resultWidth + "s  %-7s  %s%n";
        System.out.printf("%n");
        System.out.printf(format, "measure", "result", "target", "");
        table.forEach(r -> System.out.printf(format, (Object[]) r));
    }

    private void row(String measure, String result, String target, Boolean pass) {
        table.add(new String[] {measure, result, target, pass == null ? "" : pass ? "PASS" : "MISS"});
    }

    private static String count(long windows) {
        return String.format("%,d", windows);
    }

    private static String percent(double fraction) {
        return String.format("%+.1f %%", fraction * 100);
    }

    /** Two distinct ports that were free a moment ago (HTTP and management). */
    private static int[] freePorts() throws IOException {
        try (ServerSocket http = new ServerSocket(0); ServerSocket management = new ServerSocket(0)) {
            return new int[] {http.getLocalPort(), management.getLocalPort()};
        }
    }
}
