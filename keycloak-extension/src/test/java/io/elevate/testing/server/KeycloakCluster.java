package io.elevate.testing.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.elevate.testing.Await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keycloak nodes of a test's own, with Elevate installed, on a PostgreSQL cluster of its own ({@link LocalPostgres}),
 * for tests that kill servers or stop the database: the run's shared {@link KeycloakServer} must never see that, so
 * these tests ignore {@code -Delevate.test.database} and are tagged {@value #TAG}.
 *
 * <p>With two or more nodes they form a real Keycloak cluster on loopback: {@code --cache=ispn} (development mode
 * defaults to local caches), Keycloak's default {@code jdbc-ping} stack, so the nodes find each other through the
 * shared database, and JGroups bound to 127.0.0.1 on a port per node. Each node has its own home (its own build and
 * transaction log), unpacked afresh under {@code target/<name>/node-<letter>}. The nodes start one after the other: the
 * first imports the demo realm, the others find it in the database and skip the import.
 */
public final class KeycloakCluster implements AutoCloseable {

    /** The JUnit tag of tests that run servers of their own; {@code .ci/run}'s PostgreSQL pass excludes it. */
    public static final String TAG = "own-servers";

    /** Infinispan's line for a new cluster view, e.g. {@code ISPN000094: Received new cluster view ... (2) [a, b]}. */
    private static final Pattern VIEW = Pattern.compile("ISPN000094: Received new cluster view.*\\((\\d+)\\)");
    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(120);

    private final List<Node> nodes;
    private final LocalPostgres postgres;

    private KeycloakCluster(List<Node> nodes, LocalPostgres postgres) {
        this.nodes = nodes;
        this.postgres = postgres;
    }

    /** The setting (system property, or environment variable {@code ELEVATE_REQUIRE_POSTGRES}) that {@code .ci/run} sets. */
    public static final String REQUIRE_POSTGRES = "elevate.require.postgres";

    /**
     * Whether Debian's PostgreSQL binaries, which these tests need, are installed (the newest version under
     * {@code /usr/lib/postgresql}, or {@code elevate.test.postgres.bin}). When {@value #REQUIRE_POSTGRES} is
     * {@code true} (as in {@code .ci/run}) their absence is an error, so the tests that need them fail instead of
     * being skipped.
     *
     * @throws IllegalStateException when they are missing but required, or the setting is neither true nor false
     */
    public static boolean postgresInstalled() {
        String required = Database.setting(REQUIRE_POSTGRES, "false");
        if (!required.equals("true") && !required.equals("false")) {
            throw new IllegalStateException(REQUIRE_POSTGRES + " must be true or false, not " + required);
        }
        if (LocalPostgres.binariesPresent()) {
            return true;
        }
        if (required.equals("true")) {
            throw new IllegalStateException(REQUIRE_POSTGRES + "=true, but " + LocalPostgres.missing());
        }
        return false;
    }

    /**
     * Starts PostgreSQL, then {@code size} Keycloak nodes on it, each ready and serving the demo realm; with two or
     * more, returns once the last node has joined the first one's cluster view.
     *
     * @param name the folder under the build directory that holds the database and the nodes' homes
     */
    public static KeycloakCluster start(String name, int size) throws IOException, InterruptedException {
        return start(name, size, Map.of(), Map.of());
    }

    /**
     * As {@link #start(String, int)}, with more Keycloak options (by name without the leading dashes; they win over
     * the defaults) and environment variables for every node.
     */
    public static KeycloakCluster start(String name, int size, Map<String, String> moreOptions,
                                        Map<String, String> moreEnvironment) throws IOException, InterruptedException {
        ElevateBuild build = ElevateBuild.fromSystemProperties();
        Path directory = build.buildDirectory().resolve(name);
        LocalPostgres postgres = LocalPostgres.start(directory.resolve("postgres"));
        List<Node> nodes = new ArrayList<>();
        KeycloakCluster cluster = new KeycloakCluster(nodes, postgres);
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, name + "-shutdown"));
        try {
            Database.Jdbc jdbc = postgres.jdbc();
            for (int i = 0; i < size; i++) {
                String letter = String.valueOf((char) ('a' + i));
                Path home = directory.resolve("node-" + letter);
                FileTrees.delete(home);
                List<Integer> ports = freePorts(3);
                KeycloakDistribution keycloak =
                        new KeycloakDistribution(build, home, ports.get(0), ports.get(1), AdminCredentials.DEFAULT);
                keycloak.install();
                Map<String, String> options = new LinkedHashMap<>();
                options.put("db", "postgres");
                options.put("db-url", jdbc.url());
                options.put("db-username", jdbc.username());
                options.put("db-password", jdbc.password());
                options.put("spi-elevate-timers--default--interval-seconds", "2");
                if (size > 1) {
                    options.put("cache", "ispn");
                    options.put("cache-embedded-network-bind-address", "127.0.0.1");
                    options.put("cache-embedded-network-bind-port", String.valueOf(ports.get(2)));
                }
                options.putAll(moreOptions);
                Map<String, String> environment = new LinkedHashMap<>(Map.of("AWS_EC2_METADATA_DISABLED", "true"));
                environment.putAll(moreEnvironment);
                Node node = new Node(letter, keycloak, new AdminApi(keycloak.baseUrl(), keycloak.admin()));
                nodes.add(node);
                keycloak.start(options, environment);
            }
            if (size > 1) {
                cluster.awaitView(nodes.get(size - 1), size);
            }
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** The node {@code letter}: {@code "a"} is the first started. */
    public Node node(String letter) {
        return nodes.stream().filter(n -> n.name().equals(letter)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No node " + letter + " in " + nodes));
    }

    /**
     * The last cluster view {@code node} logged, as Infinispan wrote it, with its member count; empty if it logged
     * none (a single node in local-cache mode).
     */
    public Optional<View> lastView(Node node) throws IOException {
        View last = null;
        for (String line : Files.readAllLines(node.keycloak().logFile(), UTF_8)) {
            Matcher view = VIEW.matcher(line);
            if (view.find()) {
                last = new View(Integer.parseInt(view.group(1)), line.trim());
            }
        }
        return Optional.ofNullable(last);
    }

    /** Waits until {@code node} logs a cluster view of {@code members} members; fails after two minutes. */
    public View awaitView(Node node, int members) {
        return Await.until("cluster view of " + members + " members on node " + node.name(), VIEW_TIMEOUT,
                () -> lastViewOf(node).filter(view -> view.members() == members),
                () -> lastViewOf(node).map(View::line).orElse("none") + " (log: " + node.keycloak().logFile() + ")");
    }

    private Optional<View> lastViewOf(Node node) {
        try {
            return lastView(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops PostgreSQL as an outage would; the nodes keep running. */
    public void suspendDatabase() throws IOException, InterruptedException {
        postgres.suspend();
    }

    /** Brings PostgreSQL back with the same data on the same port. */
    public void resumeDatabase() throws IOException, InterruptedException {
        postgres.resume();
    }

    /** A connection to the nodes' database, to check from outside what they stored. */
    public Connection connect() throws SQLException {
        return postgres.jdbc().connect();
    }

    /** Stops every node still running, then the database; safe to call twice (the test, then the shutdown hook). */
    @Override
    public synchronized void close() {
        for (Node node : nodes) {
            node.keycloak().stop();
        }
        postgres.close();
    }

    /** Distinct ports that were free a moment ago, all held open together so that they differ. */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("No free ports for Keycloak", e);
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    /** One Keycloak of the cluster and an admin client signed in at that node (tokens name the node that issued them). */
    public record Node(String name, KeycloakDistribution keycloak, AdminApi admin) {

        public String baseUrl() {
            return keycloak.baseUrl();
        }

        @Override
        public String toString() {
            return "node " + name + " (" + keycloak.baseUrl() + ")";
        }
    }

    /** A cluster view as logged: how many members, and the log line naming them. */
    public record View(int members, String line) {
    }
}
