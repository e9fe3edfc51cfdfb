package io.sluice.connect.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The source records a task has handed to the producer (or skipped) and not yet committed, per source partition
 * in submission order. An offset becomes committable only when its record and every record submitted before it for
 * the same source partition are acknowledged, so a stored offset never runs ahead of a record the broker has not
 * confirmed, whatever order the producer's callbacks arrive in.
 *
 * <p>Threading: {@link #submit} and {@link #committableOffsets} run on the task thread, {@link Submitted#ack} on
 * the producer's I/O thread; all synchronise on this object.
 */
final class SubmittedRecords {
    private final Map<Map<String, ?>, Deque<Submitted>> byPartition = new HashMap<>();
    private int pending;

    /** A record in flight; ack it when the broker (or the dead letter queue) has it, or when it was dropped. */
    final class Submitted {
        private final Map<String, ?> offset;
        private boolean acked;

        private Submitted(Map<String, ?> offset) {
            this.offset = offset;
        }

        void ack() {
            synchronized (SubmittedRecords.this) {
                if (!acked) {
                    acked = true;
                    // Only awaitAllAcked waits, and only for zero: waking it on every ack would cost a notify per
                    // record on the producer's I/O thread.
                    if (--pending == 0) {
                        SubmittedRecords.this.notifyAll();
                    }
                }
            }
        }
    }

    synchronized Submitted submit(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset) {
        Submitted submitted = new Submitted(sourceOffset);
        byPartition.computeIfAbsent(sourcePartition, p -> new ArrayDeque<>()).addLast(submitted);
        pending++;
        return submitted;
    }

    /**
     * Removes the acknowledged prefix of each partition's queue.
     *
     * @return the offset of the last record of each prefix, by source partition (partitions with none are absent)
     */
    synchronized Map<Map<String, ?>, Map<String, ?>> committableOffsets() {
        Map<Map<String, ?>, Map<String, ?>> offsets = new LinkedHashMap<>();
        for (Iterator<Map.Entry<Map<String, ?>, Deque<Submitted>>> it = byPartition.entrySet().iterator();
             it.hasNext(); ) {
            Map.Entry<Map<String, ?>, Deque<Submitted>> entry = it.next();
            Deque<Submitted> queue = entry.getValue();
            Submitted last = null;
            while (!queue.isEmpty() && queue.peekFirst().acked) {
                last = queue.pollFirst();
            }
            if (last != null && entry.getKey() != null && last.offset != null) {
                offsets.put(entry.getKey(), last.offset);
            }
            if (queue.isEmpty()) {
                it.remove();
            }
        }
        return offsets;
    }

    /** Waits up to {@code timeoutMs} for every submitted record to be acknowledged. @return true if all were */
    synchronized boolean awaitAllAcked(long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (pending > 0) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    synchronized int pending() {
        return pending;
    }
}
