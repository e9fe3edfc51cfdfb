package io.sluice.cli;

/** The one place that may end the JVM, so commands stay testable (tests call them without exiting). */
public final class Exit {
    private Exit() {
    }

    public static void exit(int status) {
        System.exit(status);
    }
}
