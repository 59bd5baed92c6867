package io.elevate.revoke;

import java.time.Duration;

/** When a failed IAM call is tried again: {@code base} after the first failure, doubling, at most 15 minutes. */
record Backoff(Duration base) {

    static final Duration CAP = Duration.ofMinutes(15);

    Duration after(int attempts) {
        if (attempts < 1) {
            return Duration.ZERO;
        }
        int doublings = Math.min(attempts - 1, 30);
        long millis = base.toMillis() << doublings;
        return millis <= 0 || millis >= CAP.toMillis() ? CAP : Duration.ofMillis(millis);
    }
}
