package io.sluice.streams.processor.internals;

import io.sluice.streams.processor.Cancellable;
import io.sluice.streams.processor.Punctuator;

/**
 * One scheduled punctuator: the node it runs as, its interval and the next time it is due. When time jumps past
 * several intervals the punctuator runs once and the next due time stays aligned to the original grid.
 */
final class PunctuationSchedule implements Cancellable {
    final ProcessorNode<?, ?, ?, ?> node;
    final Punctuator punctuator;
    private final long intervalMs;
    private long dueMs;
    private boolean cancelled;

    PunctuationSchedule(ProcessorNode<?, ?, ?, ?> node, long firstDueMs, long intervalMs, Punctuator punctuator) {
        this.node = node;
        this.dueMs = firstDueMs;
        this.intervalMs = intervalMs;
        this.punctuator = punctuator;
    }

    boolean isDue(long nowMs) {
        return !cancelled && nowMs >= dueMs;
    }

    /** Moves the due time to the first grid point after {@code nowMs}. */
    void advancePast(long nowMs) {
        dueMs = nowMs - Math.floorMod(nowMs - dueMs, intervalMs) + intervalMs;
    }

    boolean cancelled() {
        return cancelled;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }
}
