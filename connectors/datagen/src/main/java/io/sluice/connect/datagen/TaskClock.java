package io.sluice.connect.datagen;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Time as the datagen task sees it: a monotonic clock and an idle wait that {@link #wake()} cuts short. Tests inject
 * a manual clock whose wait just advances time, so pacing is checked without sleeping.
 */
interface TaskClock {

    long nanoTime();

    /** Waits up to {@code nanos}, returning early once {@link #wake()} was called. */
    void park(long nanos) throws InterruptedException;

    /** Ends the current and every later {@link #park}: the task is stopping. */
    void wake();

    /** The wall clock; thread-safe ({@code wake} comes from the worker's thread calling stop). */
    static TaskClock system() {
        CountDownLatch woken = new CountDownLatch(1);
        return new TaskClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void park(long nanos) throws InterruptedException {
                woken.await(nanos, TimeUnit.NANOSECONDS);
            }

            @Override
            public void wake() {
                woken.countDown();
            }
        };
    }
}
