package io.sluice.log.server;

import io.netty.util.HashedWheelTimer;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds {@link DelayedOperation}s until they complete or expire: the place where acks=all produce waits for
 * fsync/replication and a long-poll fetch waits for data, without holding any thread.
 *
 * <p>Each op is watched under one or more keys (a topic-partition, a group id). Whoever changes the state a key
 * stands for (an append, a high-watermark move, a member joining) calls {@link #checkAndComplete(Object)}, which
 * re-runs {@link DelayedOperation#tryComplete()} for that key's ops. Expiry is a timer wheel (Netty's
 * {@link HashedWheelTimer}): O(1) to schedule and cancel, so thousands of parked fetches cost one thread and no
 * sorting; the price is a tick-sized (default 5 ms) lateness on expiry, which Kafka's {@code max.wait.ms}
 * semantics tolerate.
 *
 * <p>Threading: every method is thread-safe. {@code tryComplete} runs on the caller's thread with the op's
 * monitor held; expiry ({@code onExpiration} + {@code onComplete}) runs on this purgatory's single timer thread,
 * named after the purgatory. An op completes exactly once (see {@link DelayedOperation}).
 *
 * <p>Invariant: a completed op may linger in a key's watcher list until that key is next checked or the list is
 * purged (every {@value #PURGE_INTERVAL} completions through expiry/force), never longer; a pending op is in the
 * watcher list of every key it was registered under.
 *
 * @param <T> the kind of operation held (one purgatory per kind: produce, fetch, join, …)
 */
public final class DelayedOperationPurgatory<T extends DelayedOperation> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DelayedOperationPurgatory.class);
    static final int PURGE_INTERVAL = 1000;

    private final String name;
    private final HashedWheelTimer timer;
    private final ConcurrentHashMap<Object, ConcurrentLinkedQueue<T>> watchers = new ConcurrentHashMap<>();
    private final Set<T> pending = ConcurrentHashMap.newKeySet();
    private final AtomicInteger completionsSincePurge = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A purgatory with a 5 ms tick. */
    public DelayedOperationPurgatory(String name) {
        this(name, 5);
    }

    public DelayedOperationPurgatory(String name, long tickMs) {
        this.name = Objects.requireNonNull(name, "name");
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "sluice-purgatory-" + name);
            thread.setDaemon(true);
            return thread;
        };
        this.timer = new HashedWheelTimer(threads, tickMs, TimeUnit.MILLISECONDS, 512);
    }

    /**
     * Completes {@code op} now if it can; otherwise watches it under {@code watchKeys} and schedules its expiry.
     * The condition is checked again after the op is watched, so a state change that happened between the first
     * check and the registration is not missed.
     *
     * @return true if the op completed during this call
     * @throws IllegalStateException if the purgatory is closed
     */
    public boolean tryCompleteElseWatch(T op, Collection<?> watchKeys) {
        Objects.requireNonNull(op, "op");
        if (closed.get()) {
            throw new IllegalStateException("Purgatory " + name + " is closed");
        }
        if (op.maybeTryComplete()) {
            return true;
        }
        for (Object key : watchKeys) {
            if (op.isCompleted()) {
                // Completed by someone else (forceComplete) while we registered: nothing left to watch.
                return false;
            }
            // compute() serializes with the empty-list removal in removeIfEmpty, so an op never lands in a list
            // that was just unlinked from the map.
            watchers.compute(key, (k, list) -> {
                ConcurrentLinkedQueue<T> ops = list == null ? new ConcurrentLinkedQueue<>() : list;
                ops.add(op);
                return ops;
            });
        }
        if (op.maybeTryComplete()) {
            return true;
        }
        if (!op.isCompleted()) {
            pending.add(op);
            op.expiry(timer.newTimeout(timeout -> expire(op), op.delayMs(), TimeUnit.MILLISECONDS));
            if (op.isCompleted()) {
                pending.remove(op);
            }
        }
        return false;
    }

    /**
     * Re-checks every op watched under {@code key}, completing those whose condition now holds, and drops
     * completed ops from the key's list.
     *
     * @return how many ops this call completed
     */
    public int checkAndComplete(Object key) {
        ConcurrentLinkedQueue<T> ops = watchers.get(key);
        if (ops == null) {
            return 0;
        }
        int completed = 0;
        for (var it = ops.iterator(); it.hasNext(); ) {
            T op = it.next();
            if (op.isCompleted()) {
                it.remove();
            } else if (op.maybeTryComplete()) {
                it.remove();
                pending.remove(op);
                completed++;
            }
        }
        removeIfEmpty(key);
        return completed;
    }

    /** Ops not yet completed. */
    public int pendingCount() {
        // Ops completed through forceComplete() are not unlinked eagerly (the op does not know its purgatory).
        pending.removeIf(DelayedOperation::isCompleted);
        return pending.size();
    }

    /** Watch-list entries over all keys, completed ones not yet purged included (for metrics and tests). */
    public int watchedCount() {
        int count = 0;
        for (ConcurrentLinkedQueue<T> ops : watchers.values()) {
            count += ops.size();
        }
        return count;
    }

    /**
     * Stops the timer and expires every pending op on the caller's thread, so no caller waits forever on an op
     * that can no longer complete. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        timer.stop();
        for (T op : pending) {
            expire(op);
        }
        watchers.clear();
    }

    private void expire(T op) {
        pending.remove(op);
        try {
            op.expire();
        } catch (RuntimeException e) {
            // The timer thread must survive a faulty op, or every later expiry would be lost.
            LOG.error("Delayed operation {} in purgatory {} failed on expiry", op, name, e);
        }
        if (completionsSincePurge.incrementAndGet() >= PURGE_INTERVAL) {
            completionsSincePurge.set(0);
            purgeCompleted();
        }
    }

    /** Drops completed ops from every watch list: expired ops on keys that are rarely checked would pile up. */
    private void purgeCompleted() {
        pending.removeIf(DelayedOperation::isCompleted);
        for (Object key : watchers.keySet()) {
            ConcurrentLinkedQueue<T> ops = watchers.get(key);
            if (ops != null) {
                ops.removeIf(DelayedOperation::isCompleted);
                removeIfEmpty(key);
            }
        }
    }

    private void removeIfEmpty(Object key) {
        watchers.computeIfPresent(key, (k, ops) -> ops.isEmpty() ? null : ops);
    }

    @Override
    public String toString() {
        return "DelayedOperationPurgatory[" + name + ", pending=" + pending.size() + "]";
    }
}
