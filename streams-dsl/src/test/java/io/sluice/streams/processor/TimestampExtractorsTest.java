package io.sluice.streams.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.errors.TaskIdFormatException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class TimestampExtractorsTest {
    private static ConsumerRecord<Object, Object> recordAt(long timestamp) {
        return new ConsumerRecord<>("topic", 2, 42, timestamp, TimestampType.CREATE_TIME, 0, 0, "k", "v",
            new RecordHeaders(), Optional.empty());
    }

    @Test
    void validTimestampsAreUsedByEveryMetadataExtractor() {
        assertThat(new FailOnInvalidTimestamp().extract(recordAt(5), 1)).isEqualTo(5);
        assertThat(new LogAndSkipOnInvalidTimestamp().extract(recordAt(5), 1)).isEqualTo(5);
        assertThat(new UsePartitionTimeOnInvalidTimestamp().extract(recordAt(5), 1)).isEqualTo(5);
    }

    @Test
    void failOnInvalidTimestampNamesTheRecord() {
        assertThatThrownBy(() -> new FailOnInvalidTimestamp().extract(recordAt(-1), 10))
            .isInstanceOf(StreamsException.class).hasMessageContaining("topic-2 at offset 42")
            .hasMessageContaining("-1");
    }

    @Test
    void logAndSkipReturnsANegativeTimestampSoTheRecordIsDropped() {
        assertThat(new LogAndSkipOnInvalidTimestamp().extract(recordAt(-1), 10)).isNegative();
    }

    @Test
    void usePartitionTimeSubstitutesItOrFailsWhenThereIsNone() {
        assertThat(new UsePartitionTimeOnInvalidTimestamp().extract(recordAt(-1), 10)).isEqualTo(10);
        assertThatThrownBy(() -> new UsePartitionTimeOnInvalidTimestamp().extract(recordAt(-1), -1))
            .isInstanceOf(StreamsException.class).hasMessageContaining("partition time");
    }

    @Test
    void wallclockIgnoresTheRecordTimestamp() {
        long before = System.currentTimeMillis();

        long extracted = new WallclockTimestampExtractor().extract(recordAt(5), 1);

        assertThat(extracted).isGreaterThanOrEqualTo(before);
    }

    @Test
    void taskIdsPrintAndParseAsSubtopologyUnderscorePartition() {
        TaskId id = new TaskId(0, 1);

        assertThat(id.toString()).isEqualTo("0_1");
        assertThat(TaskId.parse("3_12")).isEqualTo(new TaskId(3, 12));
        assertThat(new TaskId(1, 0)).isGreaterThan(new TaskId(0, 5));
        assertThatThrownBy(() -> TaskId.parse("3-12")).isInstanceOf(TaskIdFormatException.class)
            .hasMessageContaining("3-12");
        assertThatThrownBy(() -> TaskId.parse("a_1")).isInstanceOf(TaskIdFormatException.class);
        assertThatThrownBy(() -> TaskId.parse("1_2_3")).isInstanceOf(TaskIdFormatException.class);
    }
}
