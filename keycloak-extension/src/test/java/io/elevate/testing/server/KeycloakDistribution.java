package io.elevate.testing.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.APPEND;
import static java.nio.file.StandardOpenOption.CREATE;

import io.elevate.testing.Await;

import io.elevate.testing.TestHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A Keycloak Quarkus distribution unpacked into a home directory, with Elevate installed, run by {@code bin/kc.sh
 * start-dev} as a child process.
 *
 * <p>Development mode keeps its H2 database under {@code home/data/h2}, so a home that is reused keeps its realms,
 * users and sessions across restarts; {@code --import-realm} skips realms that already exist.
 */
public final class KeycloakDistribution implements KeycloakRuntime {

    private static final String LAUNCHER = "bin/kc.sh";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final int LOG_TAIL_LINES = 60;

    private final ElevateBuild build;
    private final Path home;
    private final int httpPort;
    private final int managementPort;
    private final AdminCredentials admin;
    private volatile Process process;

    /** Describes a distribution of {@code build} installed in {@code home}, serving on the given local ports. */
    public KeycloakDistribution(ElevateBuild build, Path home, int httpPort, int managementPort, AdminCredentials admin) {
        this.build = Objects.requireNonNull(build, "build");
        this.home = home.toAbsolutePath().normalize();
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.admin = Objects.requireNonNull(admin, "admin");
    }

    /**
     * Unpacks the distribution unless {@code home/bin/kc.sh} exists, then installs the current extension jar, themes
     * and realm files, replacing those of a previous install.
     */
    public void install() throws IOException {
        if (!Files.isRegularFile(home.resolve(LAUNCHER))) {
            unpack();
        }
        installExtension();
        installThemes();
        installRealmImports();
    }

    /**
     * Starts Keycloak and waits until it is ready and serves the demo realm.
     *
     * @param extraOptions further Keycloak options, by name without the leading dashes (e.g. {@code log-level})
     * @throws IllegalStateException if Keycloak exits or is not ready within 300 s; the message ends with the log tail
     */
    public void start(Map<String, String> extraOptions) throws IOException, InterruptedException {
        start(extraOptions, Map.of());
    }

    /** As {@link #start(Map)}, with further environment variables for the server (e.g. AWS SDK credentials). */
    public void start(Map<String, String> extraOptions, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        if (isRunning()) {
            throw new IllegalStateException("Keycloak in " + home + " is already running");
        }
        List<String> command = new ArrayList<>(List.of(
                home.resolve(LAUNCHER).toString(),
                "start-dev",
                "--http-port=" + httpPort,
                "--http-management-port=" + managementPort,
                "--import-realm",
                "--health-enabled=true",
                // Micrometer's /metrics on the management port, with Elevate's meters (MetricsIT).
                "--metrics-enabled=true",
                // Elevate's policies are edited on a declarative admin console page.
                "--features=declarative-ui"));
        extraOptions.forEach((name, value) -> command.add("--" + name + "=" + value));

        Files.writeString(logFile(), String.format("%n===== %s %s%n", Instant.now(), String.join(" ", command)),
                UTF_8, CREATE, APPEND);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        Map<String, String> environment = builder.environment();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", admin.username());
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", admin.password());
        environment.putAll(extraEnvironment);

        Process started = builder.start();
        process = started;
        try {
            awaitReady(started);
        } catch (RuntimeException | AssertionError e) {
            stop();
            throw e;
        }
    }

    /**
     * Stops Keycloak: SIGTERM to {@code kc.sh} and every process it started (the server JVM), SIGKILL to whatever is
     * still alive 30 s later. Does nothing if Keycloak is not running.
     */
    @Override
    public void stop() {
        Process running = process;
        if (running == null) {
            return;
        }
        List<ProcessHandle> processes = Stream.concat(Stream.of(running.toHandle()), running.descendants()).toList();
        processes.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(SHUTDOWN_TIMEOUT);
        processes.forEach(handle -> awaitExit(handle, deadline));

        List<ProcessHandle> survivors = processes.stream().filter(ProcessHandle::isAlive).toList();
        survivors.forEach(ProcessHandle::destroyForcibly);
        Instant killDeadline = Instant.now().plus(KILL_TIMEOUT);
        survivors.forEach(handle -> awaitExit(handle, killDeadline));
    }

    /**
     * Kills Keycloak as a crash would: SIGKILL to {@code kc.sh} and the server JVM at once, no shutdown hooks, no
     * goodbye to the cluster. Returns once both are gone.
     */
    public void kill() {
        Process running = process;
        if (running == null) {
            return;
        }
        List<ProcessHandle> processes = Stream.concat(running.descendants(), Stream.of(running.toHandle())).toList();
        processes.forEach(ProcessHandle::destroyForcibly);
        Instant deadline = Instant.now().plus(KILL_TIMEOUT);
        processes.forEach(handle -> awaitExit(handle, deadline));
    }

    /** Blocks until the Keycloak process ends, however it ends, and returns its exit code. */
    public int awaitExit() throws InterruptedException {
        Process running = process;
        if (running == null) {
            throw new IllegalStateException("Keycloak in " + home + " was never started");
        }
        return running.waitFor();
    }

    /** Whether the Keycloak process is alive. */
    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** The HTTP base URL, without trailing slash, e.g. {@code http://localhost:8080}. */
    @Override
    public String baseUrl() {
        return "http://localhost:" + httpPort;
    }

    /** The management interface base URL (health and metrics endpoints), e.g. {@code http://localhost:9000}. */
    @Override
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    /** The directory Keycloak is installed in. */
    public Path home() {
        return home;
    }

    /** The file Keycloak's console output is appended to. */
    @Override
    public Path logFile() {
        return home.resolve("keycloak.log");
    }

    /** The bootstrap administrator of the master realm. */
    @Override
    public AdminCredentials admin() {
        return admin;
    }

    /** Extracts the zip into home without its top-level {@code keycloak-x.y.z/} folder; {@code kc.sh} comes last. */
    private void unpack() throws IOException {
        Path zip = build.keycloakDistribution();
        if (!Files.isRegularFile(zip)) {
            throw new IOException("Keycloak distribution not found: " + zip + " (fetch it with: mvn dependency:get"
                    + " -Dartifact=org.keycloak:keycloak-quarkus-dist:" + build.keycloakVersion() + ":zip -Dtransitive=false)");
        }
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            ZipEntry launcher = null;
            for (Enumeration<? extends ZipEntry> entries = archive.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                if (withoutTopFolder(entry).equals(LAUNCHER)) {
                    launcher = entry;
                } else {
                    extract(archive, entry);
                }
            }
            if (launcher == null) {
                throw new IOException(zip + " is not a Keycloak distribution: it has no " + LAUNCHER);
            }
            // Written last, so that a present launcher means a complete installation.
            extract(archive, launcher);
        }
    }

    private void extract(ZipFile archive, ZipEntry entry) throws IOException {
        String name = withoutTopFolder(entry);
        if (name.isEmpty()) {
            return;
        }
        Path target = home.resolve(name).normalize();
        if (!target.startsWith(home)) {
            throw new IOException("Zip entry " + entry.getName() + " points outside " + home);
        }
        if (entry.isDirectory()) {
            Files.createDirectories(target);
            return;
        }
        Files.createDirectories(target.getParent());
        try (InputStream content = archive.getInputStream(entry)) {
            Files.copy(content, target, REPLACE_EXISTING);
        }
        if (name.startsWith("bin/") && name.endsWith(".sh")) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static String withoutTopFolder(ZipEntry entry) {
        String name = entry.getName();
        return name.substring(name.indexOf('/') + 1);
    }

    private void installExtension() throws IOException {
        Path jar = build.extensionJar();
        if (!Files.isRegularFile(jar)) {
            throw new IOException("Elevate extension jar not found: " + jar + " (build it with: mvn package)");
        }
        Path providers = Files.createDirectories(home.resolve("providers"));
        copyIfChanged(jar, providers.resolve(jar.getFileName()));
        // test only: the provider that lets tests move Keycloak's clock (ServerTime), when the build made it
        String clock = System.getProperty(ServerTime.JAR);
        if (clock != null && Files.isRegularFile(Path.of(clock))) {
            copyIfChanged(Path.of(clock), providers.resolve(Path.of(clock).getFileName()));
        }
    }

    /**
     * Copies a provider jar unless the installed one has the same entries: Keycloak re-augments (a build of 20 s and
     * more) whenever a provider's file changes, and the build's jars differ only in the order of their entries.
     */
    private static void copyIfChanged(Path jar, Path installed) throws IOException {
        if (!Files.isRegularFile(installed) || !entries(jar).equals(entries(installed))) {
            Files.copy(jar, installed, REPLACE_EXISTING);
        }
    }

    /** Each entry's name with its size and CRC-32, whatever their order. */
    private static Map<String, String> entries(Path jar) throws IOException {
        Map<String, String> entries = new HashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements(); ) {
                ZipEntry entry = all.nextElement();
                entries.put(entry.getName(), entry.getSize() + "/" + entry.getCrc());
            }
        }
        return entries;
    }

    private void installThemes() throws IOException {
        if (!Files.isDirectory(build.themes())) {
            return;
        }
        try (Stream<Path> themes = Files.list(build.themes())) {
            for (Path theme : themes.filter(Files::isDirectory).toList()) {
                FileTrees.replace(theme, home.resolve("themes").resolve(theme.getFileName().toString()));
            }
        }
    }

    private void installRealmImports() throws IOException {
        Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
        if (!Files.isDirectory(build.realmConfig())) {
            return;
        }
        try (Stream<Path> files = Files.list(build.realmConfig())) {
            for (Path realm : files.filter(file -> file.getFileName().toString().endsWith("-realm.json")).toList()) {
                Files.copy(realm, imports.resolve(realm.getFileName()), REPLACE_EXISTING);
            }
        }
    }

    private void awaitReady(Process starting) {
        HttpClient http = TestHttp.builder().connectTimeout(PROBE_TIMEOUT).build();
        List<URI> probes = List.of(
                URI.create(managementUrl() + "/health/ready"),
                URI.create(baseUrl() + "/realms/" + ElevateBuild.DEMO_REALM));
        Await.until("Keycloak ready (" + probes + " answering 200)", STARTUP_TIMEOUT, POLL_INTERVAL, () -> {
            if (!starting.isAlive()) {
                throw new IllegalStateException(
                        "Keycloak exited with code " + starting.exitValue() + " while starting" + logTail());
            }
            return allAnswerOk(http, probes) ? Optional.of(true) : Optional.empty();
        }, this::logTail);
    }

    private static boolean allAnswerOk(HttpClient http, List<URI> probes) {
        for (URI probe : probes) {
            if (!answersOk(http, probe)) {
                return false;
            }
        }
        return true;
    }

    private static boolean answersOk(HttpClient http, URI probe) {
        HttpRequest request = HttpRequest.newBuilder(probe).timeout(PROBE_TIMEOUT).GET().build();
        try {
            return http.send(request, BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    private static void awaitExit(ProcessHandle handle, Instant deadline) {
        long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        try {
            handle.onExit().get(millis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillAlive) {
            // the caller escalates
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of the log, formatted to end an exception message. */
    private String logTail() {
        Deque<String> tail = new ArrayDeque<>(LOG_TAIL_LINES);
        try (BufferedReader log = new BufferedReader(new InputStreamReader(Files.newInputStream(logFile()), UTF_8))) {
            for (String line = log.readLine(); line != null; line = log.readLine()) {
                if (tail.size() == LOG_TAIL_LINES) {
                    tail.removeFirst();
                }
                tail.addLast(line);
            }
        } catch (IOException e) {
            return "; could not read " + logFile() + ": " + e;
        }
        return "; last lines of " + logFile() + ":\n" + String.join("\n", tail);
    }
}
