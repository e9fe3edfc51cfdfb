package io.sluice.streams.runtime;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The polled but not yet processed records of one task, a FIFO per source partition. {@link #poll()} takes the
 * head with the lowest timestamp across the partitions (the earliest offset of each partition first), so a task
 * reading several topics, such as a join, sees both sides in event-time order as far as the buffered records
 * allow. Ordering uses the record's own timestamp; the task's timestamp extractor runs later, in the task.
 *
 * <p>Threading: confined to the stream thread. Invariant: no empty queue is kept in the map.
 */
final class TaskRecordQueue {
    /** One partition's records, with the partition object the caller gave (so polling allocates no key). */
    private record PartitionQueue(TopicPartition partition, ArrayDeque<ConsumerRecord<byte[], byte[]>> records) {
    }

    private final Map<TopicPartition, PartitionQueue> queues = new HashMap<>();
    private int size;
    private TopicPartition lastPolledPartition;

    void add(TopicPartition partition, Iterable<ConsumerRecord<byte[], byte[]>> records) {
        PartitionQueue queue = queues.computeIfAbsent(partition, p -> new PartitionQueue(p, new ArrayDeque<>()));
        for (ConsumerRecord<byte[], byte[]> record : records) {
            queue.records().add(record);
            size++;
        }
        if (queue.records().isEmpty()) {
            queues.remove(partition);
        }
    }

    /** The buffered record with the lowest timestamp among the partitions' heads, removed; or {@code null}. */
    ConsumerRecord<byte[], byte[]> poll() {
        PartitionQueue earliest = null;
        for (PartitionQueue queue : queues.values()) {
            if (earliest == null || queue.records().peek().timestamp() < earliest.records().peek().timestamp()) {
                earliest = queue;
            }
        }
        if (earliest == null) {
            return null;
        }
        ConsumerRecord<byte[], byte[]> record = earliest.records().poll();
        size--;
        lastPolledPartition = earliest.partition();
        if (earliest.records().isEmpty()) {
            queues.remove(earliest.partition());
        }
        return record;
    }

    /** The partition of the record {@link #poll()} returned last ({@code null} before the first). */
    TopicPartition lastPolledPartition() {
        return lastPolledPartition;
    }

    /** How many partitions have at least one buffered record. */
    int bufferedPartitions() {
        return queues.size();
    }

    int size(TopicPartition partition) {
        PartitionQueue queue = queues.get(partition);
        return queue == null ? 0 : queue.records().size();
    }

    /** The offset of the first buffered record of {@code partition}, or {@code null} when none is buffered. */
    Long firstOffset(TopicPartition partition) {
        PartitionQueue queue = queues.get(partition);
        return queue == null ? null : queue.records().peek().offset();
    }

    boolean isEmpty() {
        return size == 0;
    }
}
