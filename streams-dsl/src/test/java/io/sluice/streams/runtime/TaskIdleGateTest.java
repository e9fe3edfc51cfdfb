package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class TaskIdleGateTest {
    private static final TopicPartition LEFT = new TopicPartition("left", 0);
    private static final TopicPartition RIGHT = new TopicPartition("right", 0);

    /** The consumer's lag per partition as a test sets it; absent = unknown (never fetched). */
    private final Map<TopicPartition, Long> lags = new HashMap<>();
    private final TaskIdleGate.LagSource lagSource = partition -> lags.containsKey(partition)
        ? OptionalLong.of(lags.get(partition)) : OptionalLong.empty();

    private static TaskRecordQueue withLeftRecord() {
        TaskRecordQueue queue = new TaskRecordQueue();
        queue.add(LEFT, List.of(new ConsumerRecord<>("left", 0, 0L, new byte[0], new byte[0])));
        return queue;
    }

    @Test
    void readyWhenEveryPartitionHasRecordsNotWhenNothingIsBuffered() {
        TaskIdleGate gate = new TaskIdleGate(Set.of(LEFT, RIGHT), 60_000);
        assertThat(gate.readyToProcess(new TaskRecordQueue(), lagSource, 0)).isFalse();
        TaskRecordQueue queue = withLeftRecord();
        queue.add(RIGHT, List.of(new ConsumerRecord<>("right", 0, 0L, new byte[0], new byte[0])));
        assertThat(gate.readyToProcess(queue, lagSource, 0)).isTrue();
    }

    @Test
    void aSinglePartitionTaskNeverWaits() {
        assertThat(new TaskIdleGate(Set.of(LEFT), 60_000).readyToProcess(withLeftRecord(), lagSource, 0)).isTrue();
    }

    @Test
    void byDefaultWaitsWhileAnEmptyPartitionsLagIsUnknownOrPositiveButNotForNewRecords() {
        TaskIdleGate gate = new TaskIdleGate(Set.of(LEFT, RIGHT), 0);
        TaskRecordQueue queue = withLeftRecord();
        assertThat(gate.readyToProcess(queue, lagSource, 0)).as("lag unknown").isFalse();
        lags.put(RIGHT, 3L);
        assertThat(gate.readyToProcess(queue, lagSource, 0)).as("records to fetch").isFalse();
        lags.put(RIGHT, 0L);
        assertThat(gate.readyToProcess(queue, lagSource, 0)).as("caught up").isTrue();
        assertThat(gate.msUntilIdleEnds(0)).isZero();
    }

    @Test
    void aPositiveIdleTimeWaitsThatLongOnceTheEmptyPartitionIsCaughtUp() {
        TaskIdleGate gate = new TaskIdleGate(Set.of(LEFT, RIGHT), 100);
        TaskRecordQueue queue = withLeftRecord();
        lags.put(RIGHT, 2L);
        assertThat(gate.readyToProcess(queue, lagSource, 1_000)).isFalse();
        assertThat(gate.msUntilIdleEnds(1_000)).as("no idle time runs while records are to fetch")
            .isEqualTo(Long.MAX_VALUE);
        lags.put(RIGHT, 0L);
        assertThat(gate.readyToProcess(queue, lagSource, 1_010)).isFalse(); // idle from 1 010
        assertThat(gate.msUntilIdleEnds(1_050)).isEqualTo(60);
        assertThat(gate.readyToProcess(queue, lagSource, 1_109)).isFalse();
        assertThat(gate.readyToProcess(queue, lagSource, 1_110)).isTrue();
    }

    @Test
    void theIdleTimeStartsOverOnceThePartitionHadRecordsAgain() {
        TaskIdleGate gate = new TaskIdleGate(Set.of(LEFT, RIGHT), 100);
        lags.put(RIGHT, 0L);
        TaskRecordQueue queue = withLeftRecord();
        assertThat(gate.readyToProcess(queue, lagSource, 0)).isFalse();
        assertThat(gate.readyToProcess(queue, lagSource, 100)).isTrue();
        queue.add(RIGHT, List.of(new ConsumerRecord<>("right", 0, 0L, new byte[0], new byte[0])));
        assertThat(gate.readyToProcess(queue, lagSource, 150)).isTrue();
        queue.poll(); // both heads have timestamp 0: one of them goes; take the other too
        queue.poll();
        queue.add(LEFT, List.of(new ConsumerRecord<>("left", 0, 1L, new byte[0], new byte[0])));
        assertThat(gate.readyToProcess(queue, lagSource, 200)).as("a new wait from 200").isFalse();
        assertThat(gate.readyToProcess(queue, lagSource, 300)).isTrue();
    }

    @Test
    void minusOneNeverWaits() {
        TaskIdleGate gate = new TaskIdleGate(Set.of(LEFT, RIGHT), TaskIdleGate.DISABLED);
        assertThat(gate.readyToProcess(withLeftRecord(), lagSource, 0)).isTrue(); // lag unknown, still ready
    }

    @Test
    void refusesIdleTimesBelowMinusOne() {
        assertThatThrownBy(() -> new TaskIdleGate(Set.of(LEFT), -2)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("max.task.idle.ms");
    }
}
