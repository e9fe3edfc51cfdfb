package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Window;

/** A window from its start to the end of time ({@link Long#MAX_VALUE}), used by unlimited windows. */
public final class UnlimitedWindow extends Window {
    public UnlimitedWindow(long startMs) {
        super(startMs, Long.MAX_VALUE);
    }

    /** Two unlimited windows always overlap: both extend to the end of time. */
    @Override
    public boolean overlap(Window other) {
        if (!(other instanceof UnlimitedWindow)) {
            throw new IllegalArgumentException("Cannot compare windows of different kinds: " + other);
        }
        return true;
    }
}
