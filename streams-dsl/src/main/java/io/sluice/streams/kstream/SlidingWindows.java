package io.sluice.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Windows of a fixed size that slide continuously over time: the aggregate of every distinct set of records whose
 * timestamps lie within {@code timeDifferenceMs} of each other (both ends inclusive). Unlike hopping windows they
 * are not aligned to the epoch and are created only by records, so they are not {@link Windows}. Invariants:
 * {@code timeDifferenceMs >= 0}, {@code gracePeriodMs >= 0}. Immutable.
 */
public final class SlidingWindows {
    private final long timeDifferenceMs;
    private final long graceMs;

    private SlidingWindows(long timeDifferenceMs, long graceMs) {
        this.timeDifferenceMs = timeDifferenceMs;
        this.graceMs = graceMs;
    }

    public static SlidingWindows ofTimeDifferenceWithNoGrace(Duration timeDifference) {
        return ofTimeDifferenceAndGrace(timeDifference, Duration.ZERO);
    }

    /** @throws IllegalArgumentException if either duration is negative */
    public static SlidingWindows ofTimeDifferenceAndGrace(Duration timeDifference, Duration afterWindowEnd) {
        return new SlidingWindows(ApiArgs.nonNegativeMillis(timeDifference, "timeDifference"),
            ApiArgs.nonNegativeMillis(afterWindowEnd, "Grace period (afterWindowEnd)"));
    }

    public long timeDifferenceMs() {
        return timeDifferenceMs;
    }

    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SlidingWindows that && timeDifferenceMs == that.timeDifferenceMs
            && graceMs == that.graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeDifferenceMs, graceMs);
    }

    @Override
    public String toString() {
        return "SlidingWindows{timeDifferenceMs=" + timeDifferenceMs + ", graceMs=" + graceMs + '}';
    }
}
