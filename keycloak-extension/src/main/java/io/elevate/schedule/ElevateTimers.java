package io.elevate.schedule;

import org.keycloak.provider.Provider;

import java.time.Duration;

/**
 * Elevate's timers as seen from a {@code KeycloakSession} ({@code session.getProvider(ElevateTimers.class)}): the
 * settings in effect. The work itself runs on the server's timer, scheduled by {@link ElevationTimersFactory}.
 */
public final class ElevateTimers implements Provider {

    private final Duration interval;

    ElevateTimers(Duration interval) {
        this.interval = interval;
    }

    /** How often the timers run. */
    public Duration interval() {
        return interval;
    }

    @Override
    public void close() {
        // nothing per session
    }
}
