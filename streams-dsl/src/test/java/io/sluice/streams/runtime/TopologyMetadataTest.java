package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.processor.TaskId;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class TopologyMetadataTest {
    /** lines → flatMapValues → groupBy (repartition) → count("counts") → "counts-out"; and "users" as a table. */
    private static TopologyMetadata wordCount() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("lines", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(line -> Arrays.asList(line.split(" ")))
            .groupBy((key, word) -> word)
            .count(Materialized.as("counts"))
            .toStream()
            .to("counts-out");
        return new TopologyMetadata(builder.build().internalTopologyBuilder(), "wc");
    }

    @Test
    void subTopologiesSplitAtTheRepartitionTopicWhichGetsTheWriterWidth() {
        TopologyMetadata metadata = wordCount();
        String repartition = "wc-counts-repartition"; // named after the store, as in Kafka Streams
        assertThat(metadata.repartitionTopics()).containsExactly(repartition);
        assertThat(metadata.externalSourceTopics()).containsExactly("lines");
        assertThat(metadata.repartitionTopicPartitions(topic -> topic.equals("lines") ? 4 : -1))
            .containsExactly(Map.entry(repartition, 4));
        assertThat(metadata.stateful(0)).isFalse();
        assertThat(metadata.stateful(1)).isTrue();
        assertThat(metadata.changelogPartitions(new TaskId(1, 2)))
            .containsExactly(new TopicPartition("wc-counts-changelog", 2));
    }

    @Test
    void eachTaskOwnsOnePartitionOfEverySourceTopicOfItsSubTopology() {
        TopologyMetadata metadata = wordCount();
        Map<TaskId, ?> tasks = metadata.tasks(topic -> 2);
        assertThat(tasks).containsOnlyKeys(new TaskId(0, 0), new TaskId(0, 1), new TaskId(1, 0), new TaskId(1, 1));
        assertThat(metadata.tasks(topic -> 2).get(new TaskId(0, 1)))
            .containsExactly(new TopicPartition("lines", 1));
    }

    @Test
    void aMissingSourceTopicOrSourcesWithDifferentWidthsFailClearly() {
        assertThatThrownBy(() -> wordCount().repartitionTopicPartitions(topic -> -1))
            .isInstanceOf(TopologyException.class).hasMessageContaining("Source topic lines")
            .hasMessageContaining("does not exist");

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("left", Consumed.with(Serdes.String(), Serdes.String()))
            .join(builder.table("right", Consumed.with(Serdes.String(), Serdes.String())), (l, r) -> l + r)
            .to("out");
        TopologyMetadata join = new TopologyMetadata(builder.build().internalTopologyBuilder(), "j");
        assertThatThrownBy(() -> join.tasks(topic -> topic.equals("left") ? 3 : 2))
            .isInstanceOf(TopologyException.class).hasMessageContaining("co-partitioned")
            .hasMessageContaining("left=3").hasMessageContaining("right=2");
    }
}
