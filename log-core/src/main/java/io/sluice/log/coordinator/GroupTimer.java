package io.sluice.log.coordinator;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the coordinator's timeouts (session expiry, rebalance and sync timeouts, the initial rebalance delay).
 * Injected so tests fire them by moving a manual clock instead of sleeping; the broker passes
 * {@link #of(ScheduledExecutorService)}.
 *
 * <p>Contract: a task runs at most once, never before {@code delayMs} has passed on the coordinator's
 * {@link io.sluice.log.util.Time}, on any thread, never while the caller of {@code schedule} still holds the
 * group lock from the same call stack (tasks lock the group themselves). A task may be cancelled; a cancelled
 * task that already started still runs, so every task re-checks its group's state under the group lock before
 * acting.
 */
public interface GroupTimer {
    Cancellable schedule(long delayMs, Runnable task);

    /** A scheduled task's handle. */
    @FunctionalInterface
    interface Cancellable {
        Cancellable NONE = () -> { };

        void cancel();
    }

    /** Timeouts on a scheduler the caller owns (and shuts down). */
    static GroupTimer of(ScheduledExecutorService scheduler) {
        return (delayMs, task) -> {
            ScheduledFuture<?> future = scheduler.schedule(task, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }
}
