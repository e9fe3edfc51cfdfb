package io.sluice.cli;

/**
 * A failure the user can act on: its message is printed as one line (no stack trace) and the command exits
 * with {@link #exitCode()}: {@value #USAGE} for bad arguments or configuration, {@value #FAILURE} otherwise.
 */
public final class CliException extends RuntimeException {
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static CliException usage(String message) {
        return new CliException(USAGE, message);
    }

    public static CliException failure(String message) {
        return new CliException(FAILURE, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
