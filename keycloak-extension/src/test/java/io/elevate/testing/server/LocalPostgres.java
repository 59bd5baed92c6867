package io.elevate.testing.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardCopyOption.REPLACE_EXISTING;
import static java.nio.file.StandardOpenOption.APPEND;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster made with Debian's binaries (the newest {@code /usr/lib/postgresql/<version>/bin}, or
 * the folder in {@code elevate.test.postgres.bin}): {@code initdb} into a fresh directory, {@code pg_ctl start} on a free port of
 * 127.0.0.1 (no Unix socket), one database {@code keycloak}; {@link #close()} stops it and deletes the directory,
 * keeping the server log next to it as {@code postgres.log}.
 *
 * <p>PostgreSQL refuses to run as root: when the tests run as root, every PostgreSQL command runs as the OS user
 * {@code postgres} (created by Debian's package) through {@code runuser}, in a directory that user owns.
 */
final class LocalPostgres implements AutoCloseable {

    /** Where Debian's package puts each installed major version's binaries, one folder per version. */
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");
    private static final String OS_USER_WHEN_ROOT = "postgres";
    private static final String USER = "elevate";
    private static final String PASSWORD = "elevate";
    private static final String DATABASE = "keycloak";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

    private final Path bin;
    private final Path directory;
    private final Path keptLog;
    private final String osUser;
    private final int port;
    private volatile boolean running;

    private LocalPostgres(Path bin, Path directory, Path keptLog, String osUser, int port) {
        this.bin = bin;
        this.directory = directory;
        this.keptLog = keptLog;
        this.osUser = osUser;
        this.port = port;
    }

    /** Whether PostgreSQL's {@code initdb} and {@code pg_ctl} are where {@link #start(Path)} looks for them. */
    static boolean binariesPresent() {
        Path bin = bin();
        return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
    }

    /** Creates and starts a cluster in {@code directory}, replacing whatever a previous run left there. */
    static LocalPostgres start(Path directory) throws IOException, InterruptedException {
        Path bin = bin();
        if (!binariesPresent()) {
            throw new IllegalStateException(missing());
        }
        String osUser = isRoot() ? OS_USER_WHEN_ROOT : null;
        Path keptLog = directory.resolveSibling(directory.getFileName() + ".log");
        stopLeftover(bin, directory, osUser);
        FileTrees.delete(directory);
        Path home = ownedDirectory(directory, osUser);

        LocalPostgres postgres = new LocalPostgres(bin, home, keptLog, osUser, freePort());
        postgres.initdb();
        postgres.startServer();
        try {
            postgres.createDatabase();
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    /** Why {@link #start(Path)} cannot run: where it looked, and what to do. */
    static String missing() {
        return "PostgreSQL's initdb and pg_ctl are not in " + bin() + ": install Debian's PostgreSQL (sudo apt-get"
                + " install postgresql), set elevate.test.postgres.bin to another bin folder, or give a running server"
                + " in " + Database.POSTGRES_URL;
    }

    /** The folder of {@code elevate.test.postgres.bin}, else Debian's newest installed version's. */
    private static Path bin() {
        String given = Database.setting("elevate.test.postgres.bin", "");
        if (!given.isBlank()) {
            return Path.of(given);
        }
        return newestDebianBin(DEBIAN_VERSIONS);
    }

    /** {@code versions/<n>/bin} of the highest major version {@code n} that has {@code initdb}. */
    static Path newestDebianBin(Path versions) {
        try (Stream<Path> folders = Files.list(versions)) {
            return folders.filter(folder -> folder.getFileName().toString().matches("[0-9]+(\\.[0-9]+)?"))
                    .filter(folder -> Files.isExecutable(folder.resolve("bin").resolve("initdb")))
                    .max(Comparator.comparing(LocalPostgres::majorVersion))
                    .map(folder -> folder.resolve("bin"))
                    .orElse(versions.resolve("<version>").resolve("bin"));
        } catch (IOException noneInstalled) {
            return versions.resolve("<version>").resolve("bin");
        }
    }

    private static double majorVersion(Path folder) {
        return Double.parseDouble(folder.getFileName().toString());
    }

    /**
     * Stops the server as an outage would (fast shutdown: open connections are cut), keeping its data and port, so
     * that {@link #resume()} brings the same database back.
     */
    synchronized void suspend() throws IOException, InterruptedException {
        postgres("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "-s", "stop");
        running = false;
    }

    /** Starts the server {@link #suspend()} stopped, on the same port with the same data. */
    synchronized void resume() throws IOException, InterruptedException {
        startServer();
    }

    /** The database Keycloak uses, reached over TCP on loopback with a password. */
    Database.Jdbc jdbc() {
        return new Database.Jdbc("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, USER, PASSWORD);
    }

    /** Stops the server (fast shutdown: open connections are closed) and deletes the cluster; logs what fails. */
    @Override
    public synchronized void close() {
        if (running) {
            try {
                postgres("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "-s", "stop");
                running = false;
            } catch (IOException | RuntimeException e) {
                System.err.println("Could not stop PostgreSQL in " + directory + ": " + e);
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            if (Files.isRegularFile(serverLog())) {
                Files.copy(serverLog(), keptLog, REPLACE_EXISTING);
            }
            FileTrees.delete(directory);
        } catch (IOException e) {
            System.err.println("Could not remove the PostgreSQL cluster in " + directory + ": " + e);
        }
    }

    private void initdb() throws IOException, InterruptedException {
        Path passwordFile = directory.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n", UTF_8);
        handOver(passwordFile);
        postgres("initdb", "-D", data().toString(), "-U", USER, "--pwfile=" + passwordFile,
                "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync", "--no-instructions");
        Files.delete(passwordFile);
        // Loopback only, no socket file, and no durability: the cluster lives for one test run.
        Files.writeString(data().resolve("postgresql.conf"), String.join("\n",
                "",
                "# elevate integration suite",
                "listen_addresses = '127.0.0.1'",
                "port = " + port,
                "unix_socket_directories = ''",
                "max_connections = 200",
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                ""), UTF_8, APPEND);
    }

    private void startServer() throws IOException, InterruptedException {
        postgres("pg_ctl", "-D", data().toString(), "-l", serverLog().toString(), "-w", "-t", "120", "-s", "start");
        running = true;
    }

    private void createDatabase() {
        Database.Jdbc maintenance = new Database.Jdbc("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, PASSWORD);
        try (Connection connection = maintenance.connect(); Statement statement = connection.createStatement()) {
            statement.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the database " + DATABASE + " on port " + port + ": " + e, e);
        }
    }

    /** Runs a PostgreSQL program from {@link #bin}, as the {@code postgres} OS user when running as root. */
    private void postgres(String program, String... arguments) throws IOException, InterruptedException {
        run(bin, osUser, directory, program, arguments);
    }

    private static void run(Path bin, String osUser, Path workingDirectory, String program, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (osUser != null) {
            command.addAll(List.of("runuser", "-u", osUser, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("elevate-postgres-", ".out");
        try {
            // Output to a file, not a pipe: the server that pg_ctl leaves running must not hold our end open.
            Process process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within "
                        + COMMAND_TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                        + ":\n" + Files.readString(output, UTF_8));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** A server a killed run left behind in {@code directory} would hold its port and files: stop it first. */
    private static void stopLeftover(Path bin, Path directory, String osUser) throws InterruptedException {
        Path data = directory.resolve("data");
        if (!Files.exists(data.resolve("postmaster.pid"))) {
            return;
        }
        try {
            run(bin, osUser, directory, "pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "-t", "30", "-s", "stop");
        } catch (IOException notRunningAnyMore) {
            // a stale pid file: nothing to stop
        }
    }

    /**
     * Creates {@code directory}, owned by {@code osUser} when one is given. Should that user be unable to reach it
     * (a repository under a private home folder), a fresh folder under the system's temporary directory is used.
     */
    private static Path ownedDirectory(Path directory, String osUser) throws IOException, InterruptedException {
        Files.createDirectories(directory);
        if (osUser == null) {
            return directory;
        }
        chown(directory, osUser);
        if (canWrite(osUser, directory)) {
            return directory;
        }
        FileTrees.delete(directory);
        Path temporary = Files.createTempDirectory("elevate-postgres-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        chown(temporary, osUser);
        return temporary;
    }

    private static boolean canWrite(String osUser, Path directory) throws IOException, InterruptedException {
        Process test = new ProcessBuilder("runuser", "-u", osUser, "--", "test", "-w", directory.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return test.waitFor(30, TimeUnit.SECONDS) && test.exitValue() == 0;
    }

    private void handOver(Path file) throws IOException {
        if (osUser != null) {
            chown(file, osUser);
        }
    }

    private static void chown(Path path, String osUser) throws IOException {
        UserPrincipal owner;
        try {
            owner = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(osUser);
        } catch (IOException e) {
            throw new IOException("Running as root, PostgreSQL must run as the OS user '" + osUser + "', which does"
                    + " not exist (Debian's postgresql package creates it)", e);
        }
        Files.setOwner(path, owner);
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for PostgreSQL", e);
        }
    }

    private Path data() {
        return directory.resolve("data");
    }

    private Path serverLog() {
        return directory.resolve("postgres.log");
    }
}
