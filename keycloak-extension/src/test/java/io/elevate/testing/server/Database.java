package io.elevate.testing.server;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The database the integration suite's Keycloak runs on, chosen by {@code -Delevate.test.database}.
 *
 * <ul>
 *   <li>{@code h2} (the default): Keycloak's embedded H2 {@code dev-file} database, in Keycloak's home, inside
 *       Keycloak's process.</li>
 *   <li>{@code postgres}: PostgreSQL on loopback. With {@code elevate.test.postgres.url} (a system property or an
 *       environment variable; {@code ELEVATE_TEST_POSTGRES_URL} works too) the suite uses that database, which must
 *       be empty, signing in as {@code elevate.test.postgres.user} / {@code elevate.test.postgres.password}
 *       (default {@code keycloak} / {@code keycloak}). Without it the suite starts a throwaway cluster of its own,
 *       {@link LocalPostgres}, and removes it at the end.</li>
 * </ul>
 */
public final class Database implements AutoCloseable {

    /** The choice: {@code h2} or {@code postgres}. */
    public static final String CHOICE = "elevate.test.database";
    /** The JDBC URL of an existing PostgreSQL database to use instead of a throwaway cluster. */
    public static final String POSTGRES_URL = "elevate.test.postgres.url";
    public static final String POSTGRES_USER = "elevate.test.postgres.user";
    public static final String POSTGRES_PASSWORD = "elevate.test.postgres.password";

    private final String vendor;
    private final Jdbc jdbc;
    private final LocalPostgres cluster;

    private Database(String vendor, Jdbc jdbc, LocalPostgres cluster) {
        this.vendor = vendor;
        this.jdbc = jdbc;
        this.cluster = cluster;
    }

    /**
     * The database chosen for this run, started if it is a throwaway PostgreSQL cluster (created under
     * {@code buildDirectory/postgres}).
     */
    public static Database fromSettings(Path buildDirectory) throws IOException, InterruptedException {
        String choice = setting(CHOICE, "h2").toLowerCase(Locale.ROOT);
        switch (choice) {
            case "h2":
                return new Database("h2", null, null);
            case "postgres":
            case "postgresql":
                String url = setting(POSTGRES_URL, "");
                if (!url.isEmpty()) {
                    Jdbc given = new Jdbc(url, setting(POSTGRES_USER, "keycloak"), setting(POSTGRES_PASSWORD, "keycloak"));
                    requireEmpty(given);
                    return new Database("postgres", given, null);
                }
                LocalPostgres cluster = LocalPostgres.start(buildDirectory.resolve("postgres"));
                return new Database("postgres", cluster.jdbc(), cluster);
            default:
                throw new IllegalArgumentException("-D" + CHOICE + "=" + choice + " is not a database the suite runs on;"
                        + " use h2 (the default) or postgres");
        }
    }

    /** The embedded H2 database inside Keycloak, whatever the settings say (the containers profile). */
    static Database embedded() {
        return new Database("h2", null, null);
    }

    /** Whether Keycloak runs on PostgreSQL (and {@link #connect()} works). */
    public boolean isPostgres() {
        return jdbc != null;
    }

    /** {@code h2} or {@code postgres}. */
    public String vendor() {
        return vendor;
    }

    /**
     * The Keycloak options that point Keycloak at this database, by name without the leading dashes; none for H2,
     * which is {@code start-dev}'s default.
     */
    public Map<String, String> keycloakOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        if (jdbc != null) {
            options.put("db", "postgres");
            options.put("db-url", jdbc.url());
            options.put("db-username", jdbc.username());
            options.put("db-password", jdbc.password());
        }
        return options;
    }

    /**
     * A new connection to Keycloak's database, for tests that look at it from outside Keycloak.
     *
     * @throws IllegalStateException on H2, whose file Keycloak's process holds locked
     */
    public Connection connect() throws SQLException {
        if (jdbc == null) {
            throw new IllegalStateException("Keycloak's H2 database is open inside Keycloak's process (file-locked);"
                    + " only PostgreSQL can be reached from the tests");
        }
        return jdbc.connect();
    }

    /** Stops and removes the throwaway cluster, if the run started one. */
    @Override
    public void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    public String toString() {
        return jdbc == null ? "H2 (dev-file)" : "PostgreSQL at " + jdbc.url();
    }

    private static void requireEmpty(Jdbc given) {
        try (Connection connection = given.connect();
             Statement statement = connection.createStatement();
             ResultSet tables = statement.executeQuery(
                     "select count(*) from information_schema.tables where table_schema = current_schema()")) {
            tables.next();
            if (tables.getInt(1) > 0) {
                throw new IllegalStateException(POSTGRES_URL + " names " + given.url() + ", whose schema already has "
                        + tables.getInt(1) + " tables: give the suite an empty database (Keycloak creates its schema"
                        + " on start), or leave " + POSTGRES_URL + " unset to run on a throwaway cluster");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to " + given.url() + " as " + given.username() + ": " + e, e);
        }
    }

    /** A system property, else an environment variable of the same name, or of the name in upper case with '_'. */
    static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        if (value == null || value.isBlank()) {
            value = System.getenv(name.toUpperCase(Locale.ROOT).replace('.', '_'));
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** Where and as whom to connect. */
    record Jdbc(String url, String username, String password) {

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, username, password);
        }

        @Override
        public String toString() {
            return "Jdbc[url=" + url + ", username=" + username + ", password=***]";
        }
    }
}
