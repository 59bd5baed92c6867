package io.elevate;

import org.keycloak.common.util.Time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The one clock of Elevate: Keycloak's own ({@link Time}), in UTC, so that Elevate's windows, expiries and timers
 * agree with the tokens and sessions Keycloak issues, and move with Keycloak's time offset where a test sets one.
 * In production the offset is 0 and this is the system clock.
 */
public final class ServerClock extends Clock {

    public static final ServerClock UTC = new ServerClock(ZoneOffset.UTC);

    private final ZoneId zone;

    private ServerClock(ZoneId zone) {
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return other.equals(zone) ? this : new ServerClock(other);
    }

    @Override
    public long millis() {
        return Time.currentTimeMillis();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
