package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class TaskRecordQueueTest {
    private static ConsumerRecord<byte[], byte[]> record(String topic, long offset, long timestamp) {
        return new ConsumerRecord<>(topic, 0, offset, timestamp, TimestampType.CREATE_TIME, 0, 0, null, null,
            new RecordHeaders(), java.util.Optional.empty());
    }

    @Test
    void takesTheLowestHeadTimestampAcrossPartitionsKeepingEachPartitionsOrder() {
        TaskRecordQueue queue = new TaskRecordQueue();
        TopicPartition left = new TopicPartition("left", 0);
        TopicPartition right = new TopicPartition("right", 0);
        queue.add(left, List.of(record("left", 0, 10), record("left", 1, 5), record("left", 2, 30)));
        queue.add(right, List.of(record("right", 0, 20), record("right", 1, 25)));
        assertThat(queue.size(left)).isEqualTo(3);
        assertThat(queue.firstOffset(right)).isEqualTo(0L);

        List<String> order = new ArrayList<>();
        ConsumerRecord<byte[], byte[]> next;
        while ((next = queue.poll()) != null) {
            order.add(next.topic() + "@" + next.offset());
        }
        // left@1 (ts 5) waits behind left@0 (ts 10): a partition is never reordered.
        assertThat(order).containsExactly("left@0", "left@1", "right@0", "right@1", "left@2");
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.firstOffset(left)).isNull();
    }
}
