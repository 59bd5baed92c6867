package io.elevate.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * What one run of {@code elevate} sees of the world: environment variables, the user's home, the clock and a way to
 * wait. {@link #system()} is the real one; tests pass their own.
 */
public record Environment(Map<String, String> variables, Path userHome, Clock clock, Sleeper sleeper) {

    /** Waits, e.g. between two polls of the token endpoint. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public Environment {
        variables = Map.copyOf(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv(), Path.of(System.getProperty("user.home")), Clock.systemUTC(),
                duration -> Thread.sleep(duration.toMillis()));
    }

    /** The variable's value, if set and not blank. */
    public Optional<String> variable(String name) {
        return Optional.ofNullable(variables.get(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    /** Where elevate keeps its configuration and tokens: {@code $ELEVATE_HOME}, else {@code ~/.elevate}. */
    public Path elevateHome() {
        return variable("ELEVATE_HOME").map(Path::of).orElse(userHome.resolve(".elevate")).toAbsolutePath();
    }

    /** Whether {@code ELEVATE_DEBUG} asks for stack traces of unexpected errors. */
    public boolean debug() {
        return variable("ELEVATE_DEBUG").filter(value -> !value.equals("0") && !value.equalsIgnoreCase("false"))
                .isPresent();
    }
}
