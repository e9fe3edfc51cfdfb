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
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<byte[], byte[]>>> queues = new HashMap<>();
    private int size;

    void add(TopicPartition partition, Iterable<ConsumerRecord<byte[], byte[]>> records) {
        ArrayDeque<ConsumerRecord<byte[], byte[]>> queue = queues.computeIfAbsent(partition, p -> new ArrayDeque<>());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            queue.add(record);
            size++;
        }
        if (queue.isEmpty()) {
            queues.remove(partition);
        }
    }

    /** The buffered record with the lowest timestamp among the partitions' heads, removed; or {@code null}. */
    ConsumerRecord<byte[], byte[]> poll() {
        ArrayDeque<ConsumerRecord<byte[], byte[]>> earliest = null;
        for (ArrayDeque<ConsumerRecord<byte[], byte[]>> queue : queues.values()) {
            if (earliest == null || queue.peek().timestamp() < earliest.peek().timestamp()) {
                earliest = queue;
            }
        }
        if (earliest == null) {
            return null;
        }
        ConsumerRecord<byte[], byte[]> record = earliest.poll();
        size--;
        if (earliest.isEmpty()) {
            queues.remove(new TopicPartition(record.topic(), record.partition()));
        }
        return record;
    }

    int size(TopicPartition partition) {
        ArrayDeque<ConsumerRecord<byte[], byte[]>> queue = queues.get(partition);
        return queue == null ? 0 : queue.size();
    }

    /** The offset of the first buffered record of {@code partition}, or {@code null} when none is buffered. */
    Long firstOffset(TopicPartition partition) {
        ArrayDeque<ConsumerRecord<byte[], byte[]>> queue = queues.get(partition);
        return queue == null ? null : queue.peek().offset();
    }

    boolean isEmpty() {
        return size == 0;
    }
}
