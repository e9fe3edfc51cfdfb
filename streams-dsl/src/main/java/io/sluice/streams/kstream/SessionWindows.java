package io.sluice.streams.kstream;

import java.time.Duration;
import java.util.Objects;

/**
 * Sessions of activity per key: records less than {@code inactivityGap} apart fall into one session, and a
 * record that bridges two sessions merges them. Session bounds depend on the records, so these are not
 * {@link Windows}. Invariants: {@code inactivityGap > 0}, {@code gracePeriodMs >= 0}. Immutable.
 */
public final class SessionWindows {
    private final long gapMs;
    private final long graceMs;

    private SessionWindows(long gapMs, long graceMs) {
        this.gapMs = gapMs;
        this.graceMs = graceMs;
    }

    public static SessionWindows ofInactivityGapWithNoGrace(Duration inactivityGap) {
        return ofInactivityGapAndGrace(inactivityGap, Duration.ZERO);
    }

    /** @throws IllegalArgumentException if the gap is not positive or the grace period is negative */
    public static SessionWindows ofInactivityGapAndGrace(Duration inactivityGap, Duration afterWindowEnd) {
        long gapMs = ApiArgs.millis(inactivityGap, "inactivityGap");
        if (gapMs <= 0) {
            throw new IllegalArgumentException("Session inactivity gap must be larger than zero, was "
                + inactivityGap);
        }
        return new SessionWindows(gapMs, ApiArgs.nonNegativeMillis(afterWindowEnd, "Grace period (afterWindowEnd)"));
    }

    /** The inactivity gap in ms. */
    public long inactivityGap() {
        return gapMs;
    }

    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionWindows that && gapMs == that.gapMs && graceMs == that.graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(gapMs, graceMs);
    }

    @Override
    public String toString() {
        return "SessionWindows{gapMs=" + gapMs + ", graceMs=" + graceMs + '}';
    }
}
