package io.sluice.connect.datagen;

/** A clock that only moves when the task parks on it: a park of n nanoseconds advances time by exactly n. */
final class ManualClock implements TaskClock {

    private long nowNanos;

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    @Override
    public void park(long nanos) {
        nowNanos += nanos;
    }

    @Override
    public void wake() {
        // Nothing waits for real on a manual clock.
    }
}
