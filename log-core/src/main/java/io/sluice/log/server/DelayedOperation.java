package io.sluice.log.server;

import io.netty.util.Timeout;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request that cannot be answered yet — acks=all produce waiting for fsync and replication, a fetch waiting for
 * {@code fetch.min.bytes}, a JoinGroup waiting for the rest of the group — parked in a
 * {@link DelayedOperationPurgatory} until it can complete or its delay runs out.
 *
 * <p>Lifecycle: <em>pending</em> → <em>completed</em>, exactly once, by whichever comes first of
 * <ol>
 *   <li>{@link #tryComplete()} returning {@code true} (called by the purgatory when the op is added and every
 *       time one of its watch keys is checked), then {@link #onComplete()};</li>
 *   <li>the delay expiring: {@link #onExpiration()} then {@link #onComplete()}, on the purgatory's timer thread;</li>
 *   <li>{@link #forceComplete()} from any thread (for example on shutdown or leadership change), then
 *       {@link #onComplete()}.</li>
 * </ol>
 * A single compare-and-set on the completed flag decides the winner, so {@code onComplete} runs exactly once
 * even when a check and the expiry race.
 *
 * <p>Threading: {@code tryComplete} is called with this operation's monitor held, so one op's checks never run
 * concurrently with each other (checks of different ops run in parallel). {@code onComplete} and
 * {@code onExpiration} may run on a request thread, on whichever thread made the condition true, or on the timer
 * thread: they must not block — typically they build the response and complete a future, and the server
 * serializes the response on its request threads.
 */
public abstract class DelayedOperation {
    private final long delayMs;
    private final AtomicBoolean completed = new AtomicBoolean();
    private volatile Timeout expiry;

    protected DelayedOperation(long delayMs) {
        if (delayMs < 0) {
            throw new IllegalArgumentException("delayMs must be >= 0 but was " + delayMs);
        }
        this.delayMs = delayMs;
    }

    public final long delayMs() {
        return delayMs;
    }

    /**
     * Whether the operation's condition now holds. Called with this op's monitor held; must not block (it runs
     * on the thread that checked the watch key — often a request thread or a log flusher).
     */
    protected abstract boolean tryComplete();

    /** Builds and delivers the result. Runs exactly once, after whichever completion path won. */
    protected abstract void onComplete();

    /** Called once, just before {@link #onComplete()}, when the delay ran out first. */
    protected void onExpiration() {
    }

    /**
     * Completes the operation now if nobody has: cancels its expiry and runs {@link #onComplete()}.
     *
     * @return whether this call completed it (false when it was already completed)
     */
    public final boolean forceComplete() {
        if (!completed.compareAndSet(false, true)) {
            return false;
        }
        Timeout timeout = expiry;
        if (timeout != null) {
            timeout.cancel();
        }
        onComplete();
        return true;
    }

    public final boolean isCompleted() {
        return completed.get();
    }

    /** Checks the condition under the op's monitor and completes the op if it holds; true if this call completed it. */
    final boolean maybeTryComplete() {
        synchronized (this) {
            if (isCompleted()) {
                return false;
            }
            return tryComplete() && forceComplete();
        }
    }

    /** The expiry path: wins the completion race or does nothing. */
    final boolean expire() {
        if (!completed.compareAndSet(false, true)) {
            return false;
        }
        onExpiration();
        onComplete();
        return true;
    }

    final void expiry(Timeout timeout) {
        this.expiry = timeout;
        // forceComplete may have run between the purgatory's last check and this assignment: it then saw no
        // timeout to cancel, so cancel here to release the timer slot early (expire() would be a no-op anyway).
        if (isCompleted()) {
            timeout.cancel();
        }
    }
}
