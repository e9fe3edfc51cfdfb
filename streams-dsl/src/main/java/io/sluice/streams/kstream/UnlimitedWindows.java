package io.sluice.streams.kstream;

import io.sluice.streams.kstream.internals.UnlimitedWindow;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One window per key from {@code startMs} to the end of time: an aggregate over everything from a point on.
 * Records before {@code startMs} belong to no window. No grace period: the window never closes. Immutable.
 */
public final class UnlimitedWindows extends Windows<UnlimitedWindow> {
    public final long startMs;

    private UnlimitedWindows(long startMs) {
        this.startMs = startMs;
    }

    /** An unlimited window starting at the epoch. */
    public static UnlimitedWindows of() {
        return new UnlimitedWindows(0);
    }

    /** @throws IllegalArgumentException if {@code start} is before the epoch */
    public UnlimitedWindows startOn(Instant start) {
        long ms = Objects.requireNonNull(start, "start").toEpochMilli();
        if (ms < 0) {
            throw new IllegalArgumentException("Window start must not be before the epoch, was " + start);
        }
        return new UnlimitedWindows(ms);
    }

    @Override
    public Map<Long, UnlimitedWindow> windowsFor(long timestamp) {
        return timestamp >= startMs ? Map.of(startMs, new UnlimitedWindow(startMs)) : Map.of();
    }

    /** Unbounded: {@link Long#MAX_VALUE}. */
    @Override
    public long size() {
        return Long.MAX_VALUE;
    }

    @Override
    public long gracePeriodMs() {
        return 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UnlimitedWindows that && startMs == that.startMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(startMs);
    }

    @Override
    public String toString() {
        return "UnlimitedWindows{startMs=" + startMs + '}';
    }
}
