package io.elevate.cli.aws;

import io.elevate.cli.CliException;
import io.elevate.cli.ExitCode;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How long an AWS session may last: never past the end of the elevation window, never less than the 15 minutes AWS
 * accepts, and at most an hour for API credentials (the default maximum session of an IAM role) or 12 hours for a
 * console session.
 */
public final class SessionDurations {

    public static final int MINIMUM_SECONDS = 900;
    public static final int CREDENTIALS_MAXIMUM_SECONDS = 3600;
    public static final int CONSOLE_MAXIMUM_SECONDS = 43200;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private SessionDurations() {
    }

    /** {@code DurationSeconds} of {@code AssumeRoleWithWebIdentity}: min(3600, seconds left), at least 900. */
    public static int forCredentials(Instant windowEnd, Instant now) {
        return bounded(windowEnd, now, CREDENTIALS_MAXIMUM_SECONDS);
    }

    /** {@code SessionDuration} of the federation endpoint: min(43200, seconds left), at least 900. */
    public static int forConsole(Instant windowEnd, Instant now) {
        return bounded(windowEnd, now, CONSOLE_MAXIMUM_SECONDS);
    }

    private static int bounded(Instant windowEnd, Instant now, int maximum) {
        long left = Duration.between(now, windowEnd).getSeconds();
        if (left < MINIMUM_SECONDS) {
            throw new CliException(ExitCode.WINDOW_ENDS_TOO_SOON, "the elevation window ends too soon: at "
                    + TIME.format(windowEnd.atZone(ZoneId.systemDefault())) + ", in " + describe(left)
                    + ", and AWS needs at least 15 minutes for a session; ask for an extension or a new window");
        }
        return (int) Math.min(maximum, left);
    }

    private static String describe(long seconds) {
        if (seconds <= 0) {
            return "no time";
        }
        return seconds >= 60 ? seconds / 60 + " min " + seconds % 60 + " s" : seconds + " s";
    }
}
