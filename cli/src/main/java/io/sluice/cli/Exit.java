package io.sluice.cli;

/**
 * The one place that may end the JVM, so commands stay testable (tests call them without exiting).
 *
 * <p>{@link #halt} exists for the broker's shutdown hook: once a signal has started the JVM's shutdown, the exit
 * status is already fixed at 128+signal and {@code System.exit} would block forever; halting from the hook, after
 * the broker has closed cleanly, is the only way to report that clean stop as status 0.
 */
public final class Exit {
    private Exit() {
    }

    public static void exit(int status) {
        System.exit(status);
    }

    public static void halt(int status) {
        Runtime.getRuntime().halt(status);
    }
}
