package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Window;

/** A session window covering {@code [start, end]}, both inclusive; a session of one event has start == end. */
public final class SessionWindow extends Window {
    public SessionWindow(long startMs, long endMs) {
        super(startMs, endMs);
    }

    @Override
    public boolean overlap(Window other) {
        if (!(other instanceof SessionWindow)) {
            throw new IllegalArgumentException("Cannot compare windows of different kinds: " + other);
        }
        return startMs <= other.end() && other.start() <= endMs;
    }
}
