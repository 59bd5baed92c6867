package io.elevate.cli.testing;

import io.elevate.cli.Environment;
import io.elevate.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs {@code elevate} in the test JVM through {@link Main#run}, with its own environment, capturing its output. */
public final class InProcess {

    /** How a run ended: its exit code and what it printed. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private final Path home;
    private final Map<String, String> variables = new LinkedHashMap<>();
    private Clock clock = Clock.systemUTC();
    private Environment.Sleeper sleeper = duration -> { };

    /** Runs with {@code ELEVATE_HOME = home/.elevate} and an empty PATH unless {@link #set} says otherwise. */
    public InProcess(Path home) {
        this.home = home;
        variables.put("ELEVATE_HOME", home.resolve(".elevate").toString());
        variables.put("PATH", "");
    }

    public InProcess set(String name, String value) {
        variables.put(name, value);
        return this;
    }

    public InProcess time(MutableClock time) {
        this.clock = time;
        this.sleeper = time;
        return this;
    }

    public Environment environment() {
        return new Environment(variables, home, clock, sleeper);
    }

    public Path elevateHome() {
        return Path.of(variables.get("ELEVATE_HOME"));
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, environment(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
