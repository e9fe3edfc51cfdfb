package io.sluice.streams.kstream;

import java.time.Duration;

/** Argument checks shared by the parameter objects, with messages that name the argument and show its value. */
final class ApiArgs {
    private ApiArgs() {
    }

    /**
     * {@code duration} in milliseconds.
     *
     * @throws NullPointerException     if it is {@code null}
     * @throws IllegalArgumentException if it does not fit in a {@code long} of milliseconds
     */
    static long millis(Duration duration, String name) {
        if (duration == null) {
            throw new NullPointerException(name + " must not be null");
        }
        try {
            return duration.toMillis();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(name + " must be expressible in milliseconds as a long, was "
                + duration, e);
        }
    }

    /** {@link #millis} of a duration that must not be negative. */
    static long nonNegativeMillis(Duration duration, String name) {
        long ms = millis(duration, name);
        if (ms < 0) {
            throw new IllegalArgumentException(name + " must not be negative, was " + duration);
        }
        return ms;
    }
}
