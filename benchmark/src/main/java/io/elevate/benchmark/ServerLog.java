package io.elevate.benchmark;

import io.elevate.testing.server.Database;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** PostgreSQL's server log, with one logging setting switched on for the time an action runs. */
final class ServerLog {

    private ServerLog() {
    }

    /**
     * Runs {@code action} with {@code setting = value} in force for the whole server ({@code alter system}, reloaded),
     * resets it after, and returns what the server logged meanwhile.
     */
    static String during(Database database, String setting, String value, Runnable action)
            throws SQLException, IOException {
        Path log;
        long offset;
        try (Connection db = database.connect(); Statement statement = db.createStatement()) {
            try (ResultSet row = statement.executeQuery("show data_directory")) {
                row.next();
                log = Path.of(row.getString(1)).resolveSibling("postgres.log");
            }
            offset = Files.size(log);
            statement.execute("alter system set " + setting + " = " + value);
            statement.execute("select pg_reload_conf()");
            try {
                action.run();
            } finally {
                statement.execute("alter system reset " + setting);
                statement.execute("select pg_reload_conf()");
            }
        }
        try (var channel = Files.newByteChannel(log)) {
            channel.position(offset);
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
