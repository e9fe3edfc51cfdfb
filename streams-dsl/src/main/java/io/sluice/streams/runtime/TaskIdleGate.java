package io.sluice.streams.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Decides whether a task may process its next buffered record while some of its input partitions have nothing
 * buffered: {@code max.task.idle.ms} (KIP-353, KIP-695). A task reading several partitions (a join, a merge of
 * co-partitioned topics) processes them in timestamp order only as far as it sees every partition's head; taking a
 * record while a partition is empty may pass over an earlier record of that partition that has not arrived yet.
 *
 * <ul>
 *   <li>Every partition has a buffered record, or the task reads one partition: ready.</li>
 *   <li>{@code max.task.idle.ms} = {@value #DISABLED}: ready whenever something is buffered (never wait).</li>
 *   <li>Otherwise each empty partition must be caught up: the consumer knows its lag (it fetched the partition at
 *       least once) and the lag is 0, so no record of it is on the broker that the task has not buffered; a lag
 *       unknown or above 0 means the record is coming with a fetch: wait. A caught-up empty partition is then
 *       waited for {@code max.task.idle.ms} more, from when it was first seen empty and caught up, for new records
 *       to be produced (0, the default: not at all). Once every empty partition passed its wait the task processes
 *       what it has ("enforced processing").</li>
 * </ul>
 * A partition that has records again forgets its wait, so the next time it runs empty the wait starts over.
 *
 * <p>Threading: confined to the stream thread of its task. Invariant: {@link #idleSince} holds only partitions of
 * the task that were empty and caught up at the last check.
 */
final class TaskIdleGate {
    /** {@code max.task.idle.ms} value that turns waiting off. */
    static final long DISABLED = -1L;

    /** The consumer's view of a partition's lag: records on the broker after its position; empty when unknown. */
    @FunctionalInterface
    interface LagSource {
        OptionalLong currentLag(TopicPartition partition);
    }

    private final Set<TopicPartition> partitions;
    private final long maxTaskIdleMs;
    private final Map<TopicPartition, Long> idleSince = new HashMap<>();

    /** @param maxTaskIdleMs {@value #DISABLED}, or the time in ms to wait for a caught-up empty partition, ≥ 0 */
    TaskIdleGate(Set<TopicPartition> partitions, long maxTaskIdleMs) {
        if (maxTaskIdleMs < DISABLED) {
            throw new IllegalArgumentException("max.task.idle.ms must be -1 or at least 0, was " + maxTaskIdleMs);
        }
        this.partitions = Set.copyOf(partitions);
        this.maxTaskIdleMs = maxTaskIdleMs;
    }

    /** Whether the task may process the next record of {@code queue} now (false when nothing is buffered). */
    boolean readyToProcess(TaskRecordQueue queue, LagSource lags, long nowMs) {
        if (queue.isEmpty()) {
            return false;
        }
        if (queue.bufferedPartitions() == partitions.size()) { // the common case, checked per record: no allocation
            idleSince.clear();
            return true;
        }
        if (maxTaskIdleMs == DISABLED) {
            return true;
        }
        boolean ready = true;
        for (TopicPartition partition : partitions) {
            if (queue.size(partition) > 0) {
                idleSince.remove(partition);
                continue;
            }
            OptionalLong lag = lags.currentLag(partition);
            if (lag.isEmpty() || lag.getAsLong() > 0) {
                idleSince.remove(partition); // records are on their way: the idle time starts once caught up
                ready = false;
            } else {
                long since = idleSince.computeIfAbsent(partition, p -> nowMs);
                ready &= nowMs - since >= maxTaskIdleMs;
            }
        }
        return ready;
    }

    /** Ms from {@code nowMs} until a caught-up empty partition's wait ends, or {@code Long.MAX_VALUE} if none waits. */
    long msUntilIdleEnds(long nowMs) {
        long soonest = Long.MAX_VALUE;
        for (long since : idleSince.values()) {
            soonest = Math.min(soonest, Math.max(0, since + maxTaskIdleMs - nowMs));
        }
        return soonest;
    }
}
