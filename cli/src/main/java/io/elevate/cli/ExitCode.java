package io.elevate.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** The exit codes a script can rely on; {@code elevate --help} lists them, and so does docs/cli.md. */
public final class ExitCode {

    public static final int OK = 0;
    /** A wrong option or argument, or a setting that is missing or malformed. */
    public static final int USAGE = 1;
    /** Not signed in, or the sign-in expired: run {@code elevate login}. */
    public static final int NOT_SIGNED_IN = 2;
    /** Signed in, but no elevation window is open: the token carries no AWS session tags. */
    public static final int NO_OPEN_WINDOW = 3;
    /** The window ends in less than the 15 minutes AWS needs for a session. */
    public static final int WINDOW_ENDS_TOO_SOON = 4;
    /** Keycloak or AWS could not be reached, or answered with a server error. */
    public static final int UNREACHABLE = 5;
    /** Refused: the elevation API (4xx), AWS (STS, federation), or the sign-in was denied. */
    public static final int REFUSED = 6;
    /** {@code elevate ssm}: {@code aws} or {@code session-manager-plugin} is not on the PATH. */
    public static final int SSM_TOOLS_MISSING = 7;
    /** A bug: an error the command did not expect ({@code ELEVATE_DEBUG=1} shows the stack trace). */
    public static final int INTERNAL_ERROR = 70;

    private ExitCode() {
    }

    /** The codes and their meaning, in order, for the help text. */
    public static Map<String, String> descriptions() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(" " + OK, "done");
        codes.put(" " + USAGE, "usage: a wrong option or argument, or a missing setting");
        codes.put(" " + NOT_SIGNED_IN, "not signed in, or the sign-in expired: run `elevate login`");
        codes.put(" " + NO_OPEN_WINDOW, "no open elevation window (the token has no AWS session tags)");
        codes.put(" " + WINDOW_ENDS_TOO_SOON, "the window ends too soon (under the 15 minutes AWS needs)");
        codes.put(" " + UNREACHABLE, "Keycloak or AWS unreachable, or failing (5xx)");
        codes.put(" " + REFUSED, "refused by the elevation API (4xx), by AWS, or sign-in denied");
        codes.put(" " + SSM_TOOLS_MISSING, "ssm: aws or session-manager-plugin missing (the commands are printed)");
        codes.put(String.valueOf(INTERNAL_ERROR), "internal error (ELEVATE_DEBUG=1 shows the stack trace)");
        return codes;
    }
}
