package io.sluice.log.coordinator;

import io.sluice.log.util.MockTime;
import java.util.PriorityQueue;

/**
 * A {@link GroupTimer} driven by hand: {@link #advance} moves the {@link MockTime} forward and runs every task that
 * falls due, in deadline order, on the calling thread, each one at its own deadline. Tests are deterministic.
 */
final class ManualTimer implements GroupTimer {
    final MockTime time = new MockTime();
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private long sequence;

    private final class Task implements Comparable<Task>, Cancellable {
        final long dueMs;
        final long order = sequence++;
        final Runnable action;
        boolean cancelled;

        Task(long dueMs, Runnable action) {
            this.dueMs = dueMs;
            this.action = action;
        }

        @Override
        public int compareTo(Task other) {
            return dueMs != other.dueMs ? Long.compare(dueMs, other.dueMs) : Long.compare(order, other.order);
        }

        @Override
        public void cancel() {
            synchronized (ManualTimer.this) {
                cancelled = true;
            }
        }
    }

    @Override
    public synchronized Cancellable schedule(long delayMs, Runnable task) {
        Task scheduled = new Task(time.milliseconds() + Math.max(0, delayMs), task);
        tasks.add(scheduled);
        return scheduled;
    }

    /** Moves time forward by {@code ms}, running the tasks due on the way. */
    void advance(long ms) {
        long target = time.milliseconds() + ms;
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.dueMs > target) {
                    break;
                }
                tasks.poll();
                if (next.cancelled) {
                    continue;
                }
            }
            if (next.dueMs > time.milliseconds()) {
                time.advance(next.dueMs - time.milliseconds());
            }
            next.action.run();
        }
        if (target > time.milliseconds()) {
            time.advance(target - time.milliseconds());
        }
    }
}
