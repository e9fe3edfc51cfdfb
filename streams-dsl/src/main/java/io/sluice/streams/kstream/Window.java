package io.sluice.streams.kstream;

/**
 * A window's time bounds in epoch milliseconds. Whether {@link #end()} is inclusive depends on the kind: a time
 * window covers {@code [start, end)}, a session window {@code [start, end]}. Immutable.
 */
public abstract class Window {
    protected final long startMs;
    protected final long endMs;

    /** @throws IllegalArgumentException if {@code startMs < 0} or {@code endMs < startMs} */
    protected Window(long startMs, long endMs) {
        if (startMs < 0) {
            throw new IllegalArgumentException("Window startMs must not be negative, was " + startMs);
        }
        if (endMs < startMs) {
            throw new IllegalArgumentException("Window endMs (" + endMs + ") must not be smaller than startMs ("
                + startMs + ")");
        }
        this.startMs = startMs;
        this.endMs = endMs;
    }

    public long start() {
        return startMs;
    }

    public long end() {
        return endMs;
    }

    /** Whether this window and {@code other} (of the same kind) share at least one instant. */
    public abstract boolean overlap(Window other);

    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && ((Window) other).startMs == startMs
            && ((Window) other).endMs == endMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(startMs) * 31 + Long.hashCode(endMs);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{startMs=" + startMs + ", endMs=" + endMs + '}';
    }
}
