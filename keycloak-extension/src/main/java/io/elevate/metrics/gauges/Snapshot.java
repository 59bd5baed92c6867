package io.elevate.metrics.gauges;

import io.elevate.window.WindowStatus;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * Elevate's rows counted at one moment, the values of the database gauges.
 *
 * @param windows         rows of {@code ELEVATE_WINDOW} by status, every status present (0 when none)
 * @param openWindows     approved windows open at {@code takenAt}
 * @param outboxDepth     revocation rows not yet applied in IAM (pending or failed)
 * @param outboxOldest    when the oldest of those was revoked, or null when there is none
 * @param noticeDepth     notices not yet delivered (pending or failed, not given up)
 * @param noticeOldest    when the oldest of those was written, or null when there is none
 * @param takenAt         when it was counted
 */
record Snapshot(Map<WindowStatus, Long> windows, long openWindows, long outboxDepth, Instant outboxOldest,
                long noticeDepth, Instant noticeOldest, Instant takenAt) {

    /** Before the first count: nothing known yet, reported as zeros. */
    static Snapshot empty() {
        return new Snapshot(zeros(), 0, 0, null, 0, null, Instant.EPOCH);
    }

    static Map<WindowStatus, Long> zeros() {
        Map<WindowStatus, Long> counts = new EnumMap<>(WindowStatus.class);
        for (WindowStatus status : WindowStatus.values()) {
            counts.put(status, 0L);
        }
        return counts;
    }

    /** Seconds the oldest unapplied revocation has waited at {@code now}; 0 when the outbox is empty. */
    double outboxOldestAgeSeconds(Instant now) {
        return ageSeconds(outboxOldest, now);
    }

    /** Seconds the oldest undelivered notice has waited at {@code now}; 0 when none waits. */
    double noticeOldestAgeSeconds(Instant now) {
        return ageSeconds(noticeOldest, now);
    }

    private static double ageSeconds(Instant oldest, Instant now) {
        if (oldest == null) {
            return 0;
        }
        return Math.max(0, now.toEpochMilli() - oldest.toEpochMilli()) / 1000.0;
    }
}
