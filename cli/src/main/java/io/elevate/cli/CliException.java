package io.elevate.cli;

/**
 * An expected failure: the message is printed as it is, without a stack trace, and the command exits with the code.
 */
public final class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(ExitCode.USAGE, message);
    }

    public static CliException notSignedIn(String message) {
        return new CliException(ExitCode.NOT_SIGNED_IN, message);
    }
}
