package io.sluice.streams.kstream;

import io.sluice.streams.kstream.internals.TimeWindow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Fixed-size windows aligned to the epoch: {@code [n * advanceMs, n * advanceMs + sizeMs)} for every
 * {@code n >= 0}. Tumbling when {@code advanceMs == sizeMs} (each record in exactly one window), hopping when
 * {@code advanceMs < sizeMs} (each record in up to {@code ceil(sizeMs / advanceMs)} windows). Invariants:
 * {@code 0 < advanceMs <= sizeMs}, {@code gracePeriodMs >= 0}. Immutable.
 */
public final class TimeWindows extends Windows<TimeWindow> {
    public final long sizeMs;
    public final long advanceMs;
    private final long graceMs;

    private TimeWindows(long sizeMs, long advanceMs, long graceMs) {
        this.sizeMs = sizeMs;
        this.advanceMs = advanceMs;
        this.graceMs = graceMs;
    }

    /** Tumbling windows of {@code size} that close at their end (no grace for late records). */
    public static TimeWindows ofSizeWithNoGrace(Duration size) {
        return ofSizeAndGrace(size, Duration.ZERO);
    }

    /**
     * Tumbling windows of {@code size} that accept out-of-order records until {@code afterWindowEnd} past their
     * end.
     *
     * @throws IllegalArgumentException if {@code size} is not positive or {@code afterWindowEnd} is negative
     */
    public static TimeWindows ofSizeAndGrace(Duration size, Duration afterWindowEnd) {
        long sizeMs = ApiArgs.millis(size, "size");
        if (sizeMs <= 0) {
            throw new IllegalArgumentException("Window size must be larger than zero, was " + size);
        }
        long graceMs = ApiArgs.nonNegativeMillis(afterWindowEnd, "Grace period (afterWindowEnd)");
        return new TimeWindows(sizeMs, sizeMs, graceMs);
    }

    /**
     * Hopping windows: these windows, starting every {@code advance}.
     *
     * @throws IllegalArgumentException unless {@code 0 < advance <= size}
     */
    public TimeWindows advanceBy(Duration advance) {
        long advanceByMs = ApiArgs.millis(advance, "advance");
        if (advanceByMs <= 0 || advanceByMs > sizeMs) {
            throw new IllegalArgumentException("Window advance must be larger than zero and at most the window size ("
                + sizeMs + " ms), was " + advanceByMs + " ms");
        }
        return new TimeWindows(sizeMs, advanceByMs, graceMs);
    }

    @Override
    public Map<Long, TimeWindow> windowsFor(long timestamp) {
        Map<Long, TimeWindow> windows = new LinkedHashMap<>();
        if (timestamp < 0) {
            return windows; // no window starts before 0, so none contains a negative timestamp
        }
        // The first window containing the timestamp starts after timestamp - sizeMs (ends are exclusive) and
        // on a multiple of advanceMs; windows starting below 0 do not exist (they would not be valid Windows).
        long earliestStart = Math.max(0, timestamp - sizeMs + 1);
        long start = Math.floorDiv(earliestStart + advanceMs - 1, advanceMs) * advanceMs;
        while (start <= timestamp) {
            // Saturate rather than overflow for timestamps within sizeMs of Long.MAX_VALUE.
            long end = start > Long.MAX_VALUE - sizeMs ? Long.MAX_VALUE : start + sizeMs;
            windows.put(start, new TimeWindow(start, end));
            if (start > Long.MAX_VALUE - advanceMs) {
                break;
            }
            start += advanceMs;
        }
        return windows;
    }

    @Override
    public long size() {
        return sizeMs;
    }

    @Override
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TimeWindows that && sizeMs == that.sizeMs && advanceMs == that.advanceMs
            && graceMs == that.graceMs;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sizeMs, advanceMs, graceMs);
    }

    @Override
    public String toString() {
        return "TimeWindows{sizeMs=" + sizeMs + ", advanceMs=" + advanceMs + ", graceMs=" + graceMs + '}';
    }
}
