package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.KeyQueryMetadata;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.errors.UnknownStateStoreException;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.state.HostInfo;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** {@link KeyLocator}: the key's partition as the producer computes it, the host from the assignment or locally. */
class KeyLocatorTest {
    private static final String REPARTITION = "wc-counts-repartition";
    private static final HostInfo SELF = new HostInfo("self", 7000);

    private final Set<TaskId> localTasks = new HashSet<>();

    /** lines (4 partitions) → groupBy word (repartition, 4 partitions) → count("counts"). */
    private KeyLocator locator(HostInfo self) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("lines", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(line -> Arrays.asList(line.split(" ")))
            .groupBy((key, word) -> word)
            .count(Materialized.as("counts"));
        TopologyMetadata metadata = new TopologyMetadata(builder.build().internalTopologyBuilder(), "wc");
        return new KeyLocator(metadata, Map.of("lines", 4, REPARTITION, 4), self, () -> Set.copyOf(localTasks));
    }

    private static int producerPartition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private static AssignmentInfo assignmentWithHosts(Map<String, Set<TopicPartition>> partitionsByHost) {
        return new AssignmentInfo(AssignmentInfo.ErrorCode.NONE, "", Map.of(), Set.of(), partitionsByHost);
    }

    @Test
    void theKeysPartitionIsTheDefaultPartitionersAndTheHostComesFromTheAssignment() {
        KeyLocator locator = locator(SELF);
        int partition = producerPartition("hello", 4);
        Set<TopicPartition> elsewhere = Set.of(new TopicPartition(REPARTITION, partition));
        Set<TopicPartition> notIt = Set.of(new TopicPartition(REPARTITION, (partition + 1) % 4),
            new TopicPartition("lines", partition)); // sub-topology 0's partition: not where "counts" lives
        locator.onAssignment(assignmentWithHosts(Map.of("self:7000", notIt, "other:7001", elsewhere)));

        KeyQueryMetadata metadata = locator.locate("counts", "hello", new StringSerializer());

        assertThat(metadata).isEqualTo(new KeyQueryMetadata(new HostInfo("other", 7001), Set.of(), partition));
    }

    @Test
    void aFailedAssignmentKeepsTheLastHostMap() {
        KeyLocator locator = locator(SELF);
        int partition = producerPartition("hello", 4);
        locator.onAssignment(assignmentWithHosts(Map.of("other:7001",
            Set.of(new TopicPartition(REPARTITION, partition)))));
        locator.onAssignment(AssignmentInfo.failure(AssignmentInfo.ErrorCode.INVALID_TOPOLOGY,
            "lines is missing"));

        assertThat(locator.locate("counts", "hello", new StringSerializer()).activeHost())
            .isEqualTo(new HostInfo("other", 7001));
    }

    @Test
    void aPartitionTheMapDoesNotNameIsHostedHereWhenItsTaskRunsHereElseUnavailable() {
        KeyLocator locator = locator(SELF);
        int partition = producerPartition("hello", 4);
        assertThat(locator.locate("counts", "hello", new StringSerializer()))
            .isEqualTo(new KeyQueryMetadata(HostInfo.unavailable(), Set.of(), partition));

        localTasks.add(new TaskId(1, partition));
        assertThat(locator.locate("counts", "hello", new StringSerializer()).activeHost()).isEqualTo(SELF);

        KeyLocator withoutEndpoint = locator(null);
        assertThat(withoutEndpoint.locate("counts", "hello", new StringSerializer()).activeHost())
            .isEqualTo(HostInfo.unavailable());
    }

    @Test
    void aPartitionerPlacesTheKeyAndMustChooseExactlyOnePartition() {
        KeyLocator locator = locator(SELF);
        assertThat(locator.<String>locate("counts", "hello",
            (topic, key, value, partitions) -> Optional.of(Set.of(partitions - 1))).partition()).isEqualTo(3);
        assertThatThrownBy(() -> locator.<String>locate("counts", "hello",
            (topic, key, value, partitions) -> Optional.of(Set.of(0, 1))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> locator.<String>locate("counts", "hello",
            (topic, key, value, partitions) -> Optional.empty()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key serializer");
    }

    @Test
    void anUnknownStoreOrANullSerializedKeyFailsClearly() {
        KeyLocator locator = locator(SELF);
        assertThatThrownBy(() -> locator.locate("nope", "hello", new StringSerializer()))
            .isInstanceOf(UnknownStateStoreException.class).hasMessageContaining("nope").hasMessageContaining("wc");
        assertThatThrownBy(() -> locator.locate("counts", null, new StringSerializer()))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null key");
    }
}
