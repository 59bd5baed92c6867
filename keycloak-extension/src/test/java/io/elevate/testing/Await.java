package io.elevate.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one way tests wait for what a server does after its answer (timers, after-commit work, a start, a cluster view):
 * asks again until it is there, and fails naming what it waited for and what it saw instead.
 */
public final class Await {

    private static final Duration POLL = Duration.ofMillis(250);

    private Await() {
    }

    /**
     * The probe's first value, asked every 250 ms.
     *
     * @param seen what the failure message should show of what was seen instead
     * @throws AssertionError naming {@code what} and {@code seen} when nothing came within {@code timeout}
     */
    public static <T> T until(String what, Duration timeout, Supplier<Optional<T>> probe, Supplier<String> seen) {
        return until(what, timeout, POLL, probe, seen);
    }

    /** As {@link #until(String, Duration, Supplier, Supplier)}, asking every {@code poll} (for rate-limited peers). */
    public static <T> T until(String what, Duration timeout, Duration poll, Supplier<Optional<T>> probe,
            Supplier<String> seen) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
        throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s; seen: " + seen.get());
    }
}
