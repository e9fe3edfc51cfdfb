package io.sluice.streams.kstream;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The time bound of a stream-stream join: a record with timestamp {@code t} joins other-side records with
 * timestamps in {@code [t - beforeMs, t + afterMs]}. Symmetric unless {@link #before}/{@link #after} change one
 * bound. Invariants: {@code beforeMs + afterMs >= 0} (the range is not empty; one bound alone may be negative)
 * and {@code gracePeriodMs >= 0}. Immutable. Join windows are not enumerable: {@link #windowsFor} throws.
 */
public class JoinWindows extends Windows<Window> {
    public final long beforeMs;
    public final long afterMs;
    private final long graceMs;

    protected JoinWindows(long beforeMs, long afterMs, long graceMs) {
        if (beforeMs + afterMs < 0) {
            throw new IllegalArgumentException("Join window interval (beforeMs + afterMs) must not be negative, was "
                + beforeMs + " + " + afterMs);
        }
        if (graceMs < 0) {
            throw new IllegalArgumentException("Grace period must not be negative, was " + graceMs + " ms");
        }
        this.beforeMs = beforeMs;
        this.afterMs = afterMs;
        this.graceMs = graceMs;
    }

    /** Joins records at most {@code timeDifference} apart, with no grace for late records. */
    public static JoinWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
    }

    /**
     * Joins records at most {@code timeDifference} apart, accepting out-of-order records until
     * {@code afterWindowEnd} after the window ends.
     *
     * @throws IllegalArgumentException if either duration is negative
     */
    public static JoinWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration afterWindowEnd) {
        long differenceMs = ApiArgs.nonNegativeMillis(timeDifference, "timeDifference");
        return new JoinWindows(differenceMs, differenceMs,
            ApiArgs.nonNegativeMillis(afterWindowEnd, "Grace period (afterWindowEnd)"));
    }

    /** These windows with the lower bound changed to {@code t - timeDifferenceMs}. */
    public JoinWindows before(Duration timeDifference) {
        return new JoinWindows(ApiArgs.millis(timeDifference, "timeDifference"), afterMs, graceMs);
    }

    /** These windows with the upper bound changed to {@code t + timeDifferenceMs}. */
    public JoinWindows after(Duration timeDifference) {
        return new JoinWindows(beforeMs, ApiArgs.millis(timeDifference, "timeDifference"), graceMs);
    }

    /** @throws UnsupportedOperationException always: join windows are relative to each record */
    @Override
    public Map<Long, Window> windowsFor(long timestamp) {
        throw new UnsupportedOperationException("JoinWindows are relative to each record and cannot be enumerated");
    }

    /** {@code beforeMs + afterMs}. */
    @Override
    public long size() {
        return beforeMs + afterMs;
    }

    @Override
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JoinWindows that && other.getClass() == getClass() && beforeMs == that.beforeMs
            && afterMs == that.afterMs && graceMs == that.graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(beforeMs, afterMs, graceMs);
    }

    @Override
    public String toString() {
        return "JoinWindows{beforeMs=" + beforeMs + ", afterMs=" + afterMs + ", graceMs=" + graceMs + '}';
    }
}
