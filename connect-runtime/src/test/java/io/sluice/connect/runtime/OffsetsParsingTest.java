package io.sluice.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.runtime.rest.entities.ConnectorOffsets;
import io.sluice.connect.runtime.rest.entities.ConnectorOffsets.PartitionOffset;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** What {@link SinkOffsets} and {@link SourceOffsets} accept from an offsets PATCH, and how they refuse the rest. */
class OffsetsParsingTest {

    private static ConnectorOffsets one(Map<String, Object> partition, Map<String, Object> offset) {
        List<PartitionOffset> entries = new ArrayList<>();
        entries.add(new PartitionOffset(partition, offset));
        return new ConnectorOffsets(entries);
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Test
    void sinkOffsetsParseToTopicPartitionsWithNullMeaningRemove() {
        List<PartitionOffset> entries = new ArrayList<>();
        entries.add(new PartitionOffset(map("kafka_topic", "t", "kafka_partition", 0), map("kafka_offset", 5)));
        entries.add(new PartitionOffset(map("kafka_topic", "t", "kafka_partition", 1L), null));
        entries.add(new PartitionOffset(map("kafka_topic", "t", "kafka_partition", 2),
            map("kafka_offset", BigInteger.valueOf(7))));

        Map<TopicPartition, Long> parsed = SinkOffsets.parse("c", new ConnectorOffsets(entries));

        Map<TopicPartition, Long> expected = new HashMap<>();
        expected.put(new TopicPartition("t", 0), 5L);
        expected.put(new TopicPartition("t", 1), null);
        expected.put(new TopicPartition("t", 2), 7L);
        assertThat(parsed).isEqualTo(expected);
    }

    @Test
    void sinkOffsetsWithAMissingOrWronglyTypedFieldAreRefused() {
        assertThatThrownBy(() -> SinkOffsets.parse("c", one(null, map("kafka_offset", 1))))
            .isInstanceOf(BadOffsetsException.class).hasMessageContaining("Connector 'c'").hasMessageContaining("null");
        assertThatThrownBy(() -> SinkOffsets.parse("c", one(map("kafka_partition", 0), map("kafka_offset", 1))))
            .isInstanceOf(BadOffsetsException.class).hasMessageContaining("'kafka_topic' must be a non-empty string");
        assertThatThrownBy(() -> SinkOffsets.parse("c", one(map("kafka_topic", "t", "kafka_partition", "0"),
            map("kafka_offset", 1))))
            .isInstanceOf(BadOffsetsException.class).hasMessageContaining("'kafka_partition' must be");
        assertThatThrownBy(() -> SinkOffsets.parse("c", one(map("kafka_topic", "t", "kafka_partition", -1),
            map("kafka_offset", 1))))
            .isInstanceOf(BadOffsetsException.class).hasMessageContaining("'kafka_partition' must be");
        assertThatThrownBy(() -> SinkOffsets.parse("c", one(map("kafka_topic", "t", "kafka_partition", 0),
            map("kafka_offset", 1.5))))
            .isInstanceOf(BadOffsetsException.class).hasMessageContaining("'kafka_offset' must be");
        assertThatThrownBy(() -> SinkOffsets.parse("c", one(map("kafka_topic", "t", "kafka_partition", 0),
            map("offset", 3))))
            .isInstanceOf(BadOffsetsException.class).hasMessageContaining("'kafka_offset' must be");
        assertThatThrownBy(() -> SinkOffsets.parse("c", one(map("kafka_topic", "t", "kafka_partition", 0),
            map("kafka_offset", -2))))
            .isInstanceOf(BadOffsetsException.class).hasMessageContaining("'kafka_offset' must be");
    }

    @Test
    void sourceOffsetsKeepPrimitivesAndNullOffsets() {
        List<PartitionOffset> entries = new ArrayList<>();
        entries.add(new PartitionOffset(map("file", "a.txt"), map("position", 12L, "eof", true, "note", null)));
        entries.add(new PartitionOffset(map("file", "b.txt"), null));

        Map<Map<String, ?>, Map<String, ?>> parsed = SourceOffsets.parse("c", new ConnectorOffsets(entries));

        assertThat(parsed).hasSize(2).containsEntry(map("file", "b.txt"), null)
            .containsEntry(map("file", "a.txt"), map("position", 12L, "eof", true, "note", null));
    }

    @Test
    void sourceOffsetsWithANullPartitionOrNestedValuesAreRefused() {
        assertThatThrownBy(() -> SourceOffsets.parse("c", one(null, map("position", 1))))
            .isInstanceOf(BadOffsetsException.class).hasMessageContaining("Connector 'c'")
            .hasMessageContaining("needs a partition");
        assertThatThrownBy(() -> SourceOffsets.parse("c", one(map("file", List.of("a")), map("position", 1))))
            .isInstanceOf(BadOffsetsException.class).hasMessageContaining("field 'file' of the partition");
        assertThatThrownBy(() -> SourceOffsets.parse("c", one(map("file", "a"), map("position", map("x", 1)))))
            .isInstanceOf(BadOffsetsException.class).hasMessageContaining("field 'position' of the offset");
    }
}
