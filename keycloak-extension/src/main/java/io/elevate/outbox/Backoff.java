package io.elevate.outbox;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed call of an outbox item is tried again: {@code base} after the first failure, doubling, at most 15
 * minutes.
 */
public record Backoff(Duration base) {

    static final Duration CAP = Duration.ofMinutes(15);

    public Duration after(int attempts) {
        if (attempts < 1) {
            return Duration.ZERO;
        }
        int doublings = Math.min(attempts - 1, 30);
        long millis = base.toMillis() << doublings;
        return millis <= 0 || millis >= CAP.toMillis() ? CAP : Duration.ofMillis(millis);
    }

    /** When an item that has failed {@code attempts} times in a row is tried again, in epoch milliseconds. */
    public long next(Instant now, int attempts) {
        return now.plus(after(attempts)).toEpochMilli();
    }
}
