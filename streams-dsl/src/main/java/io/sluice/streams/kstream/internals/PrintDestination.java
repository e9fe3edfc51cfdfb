package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Printed;
import java.io.PrintStream;

/**
 * The stream one print node writes to, shared by that node's processors in every task so that a file is opened
 * (and truncated) once rather than once per task. Opened by the first {@link #acquire()}, closed by the last
 * {@link #release()}; a later acquire opens it again.
 *
 * <p>Threading: any thread; lines from different tasks never interleave within a line.
 */
final class PrintDestination {
    private final Printed<?, ?> printed;
    private PrintStream out;
    private int holders;

    PrintDestination(Printed<?, ?> printed) {
        this.printed = printed;
    }

    synchronized void acquire() {
        if (holders == 0) {
            out = printed.open(); // throws when the file cannot be opened, leaving no holder counted
        }
        holders++;
    }

    synchronized void println(String line) {
        out.println(line);
    }

    synchronized void release() {
        if (--holders == 0) {
            out.close();
            out = null;
        }
    }
}
