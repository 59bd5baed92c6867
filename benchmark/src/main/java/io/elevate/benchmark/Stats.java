package io.elevate.benchmark;

import java.util.Arrays;
import java.util.List;

/** Latencies of one measure, in nanoseconds, and their percentiles (nearest rank). */
record Stats(long[] sorted) {

    static Stats of(List<Long> nanos) {
        long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(values);
        if (values.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        return new Stats(values);
    }

    int count() {
        return sorted.length;
    }

    /** The {@code p}-th percentile (0 < p ≤ 100) in milliseconds. */
    double percentileMillis(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)] / 1e6;
    }

    double medianMillis() {
        return percentileMillis(50);
    }

    @Override
    public String toString() {
        return String.format("n=%d median %.2f ms, p90 %.2f ms, p99 %.2f ms", count(), medianMillis(),
                percentileMillis(90), percentileMillis(99));
    }
}
