package io.sluice.log.util;

import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand. Thread-safe. */
public final class MockTime implements Time {
    private final AtomicLong nowMs;
    private final AtomicLong nowNs = new AtomicLong();

    public MockTime(long startMs) {
        this.nowMs = new AtomicLong(startMs);
    }

    public MockTime() {
        this(1_700_000_000_000L);
    }

    @Override
    public long milliseconds() {
        return nowMs.get();
    }

    @Override
    public long nanoseconds() {
        return nowNs.get();
    }

    public void advance(long ms) {
        nowMs.addAndGet(ms);
        nowNs.addAndGet(ms * 1_000_000L);
    }
}
