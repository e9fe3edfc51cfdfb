package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Window;

/** A time window covering {@code [start, end)}: the end is exclusive, so it must lie after the start. */
public final class TimeWindow extends Window {
    public TimeWindow(long startMs, long endMs) {
        super(startMs, endMs);
        if (startMs == endMs) {
            throw new IllegalArgumentException("TimeWindow endMs must be greater than startMs, both were " + startMs);
        }
    }

    @Override
    public boolean overlap(Window other) {
        if (!(other instanceof TimeWindow)) {
            throw new IllegalArgumentException("Cannot compare windows of different kinds: " + other);
        }
        return startMs < other.end() && other.start() < endMs;
    }
}
