package io.sluice.log.server;

import java.util.concurrent.TimeUnit;

/**
 * Server-wide count of requests read but not yet answered (or dropped), so a graceful close can wait for
 * responses to flush. Thread-safe: incremented on event loops, decremented on event loops and request threads.
 */
final class InFlightRequests {
    private long count;

    synchronized void begin() {
        count++;
    }

    synchronized void end() {
        if (--count == 0) {
            notifyAll();
        }
    }

    synchronized long count() {
        return count;
    }

    /** Waits until nothing is in flight or the timeout passes; returns whether it drained. */
    synchronized boolean awaitDrained(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (count > 0) {
            long remainingNs = deadline - System.nanoTime();
            if (remainingNs <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remainingNs);
        }
        return true;
    }
}
