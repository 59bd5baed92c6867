package io.elevate.aws;

import java.time.Duration;
import java.time.Instant;

/** The {@code SessionDuration} AWS gets: it ends with the window and stays within what AWS accepts. */
public final class SessionDuration {

    public static final int MIN_SECONDS = 900;
    public static final int MAX_SECONDS = 43_200;

    private SessionDuration() {
    }

    /**
     * The smaller of the configured maximum and the seconds left in the window, never above 43,200 and never below
     * 900 (AWS's shortest session; a window with less left only reaches here when the gate is set to allow it).
     */
    public static int seconds(int configuredMax, Instant windowEnd, Instant now) {
        long left = Math.max(0, Duration.between(now, windowEnd).getSeconds());
        long chosen = Math.min(clamp(configuredMax), left);
        return (int) Math.max(MIN_SECONDS, chosen);
    }

    /** A configured maximum brought into AWS's range. */
    public static int clamp(long seconds) {
        return (int) Math.min(MAX_SECONDS, Math.max(MIN_SECONDS, seconds));
    }
}
