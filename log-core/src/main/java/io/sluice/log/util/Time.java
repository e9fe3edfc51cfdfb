package io.sluice.log.util;

/**
 * The clock every component reads, injected so tests control time. {@link #SYSTEM} is the wall clock.
 * Implementations are thread-safe.
 */
public interface Time {
    Time SYSTEM = new Time() {
        @Override
        public long milliseconds() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanoseconds() {
            return System.nanoTime();
        }
    };

    /** Wall-clock milliseconds since the epoch: used for timestamps and retention. */
    long milliseconds();

    /** A monotonic clock for measuring intervals. */
    long nanoseconds();
}
