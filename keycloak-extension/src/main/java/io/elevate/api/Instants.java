package io.elevate.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Instants as the APIs accept them: ISO-8601 with an offset, between the years 1970 and 9999. Anything outside is
 * refused rather than passed on to arithmetic that cannot hold it.
 */
public final class Instants {

    static final Instant EARLIEST = Instant.EPOCH;
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private Instants() {
    }

    /** The instant, or the reason it is not one (exactly one of them is set). */
    public record Parsed(Instant instant, String problem) {
    }

    public static Parsed parse(String value) {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            return new Parsed(null, "must be an ISO-8601 instant such as 2026-11-21T09:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            return new Parsed(null, "must lie between " + EARLIEST + " and " + LATEST);
        }
        return new Parsed(instant, null);
    }
}
