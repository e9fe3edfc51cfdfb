package io.sluice.connect.runtime;

import static io.sluice.connect.runtime.WorkerFixture.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.runtime.rest.entities.ConnectorOffsets;
import io.sluice.connect.runtime.rest.entities.ConnectorOffsets.PartitionOffset;
import io.sluice.connect.runtime.testplugins.CountingSourceConnector;
import io.sluice.connect.runtime.testplugins.RecordingSinkConnector;
import io.sluice.connect.runtime.testplugins.RecordingSinkTask;
import io.sluice.connect.storage.FileOffsetBackingStore;
import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Offsets listed, altered and reset through the Worker API (what GET/PATCH/DELETE /connectors/{name}/offsets call)
 * against a real broker: a sink's consumer group, a source's offset store, and malformed offsets refused.
 */
@ExtendWith(EmbeddedBrokerExtension.class)
class WorkerOffsetsIT {

    private static List<String> numbered(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
    }

    private static ConnectorOffsets offsets(Map<String, Object> partition, Map<String, Object> offset) {
        List<PartitionOffset> entries = new ArrayList<>();
        entries.add(new PartitionOffset(partition, offset));
        return new ConnectorOffsets(entries);
    }

    private static Map<String, Object> sinkPartition(String topic, Object partition) {
        Map<String, Object> map = new HashMap<>();
        map.put("kafka_topic", topic);
        map.put("kafka_partition", partition);
        return map;
    }

    /** Stops the connector and its tasks the way a herder does before touching offsets. */
    private static void stop(WorkerFixture fixture, String name) {
        fixture.worker.setTargetState(name, Herder.TargetState.STOPPED);
        fixture.worker.stopConnector(name);
    }

    @Test
    void sinkOffsetsAreAlteredInTheConsumerGroupAndResetByDeletingIt(EmbeddedBroker broker, @TempDir Path dir)
        throws Exception {
        String name = "sink-offsets";
        Map<String, String> config = new HashMap<>(Map.of("name", name,
            "connector.class", RecordingSinkConnector.class.getName(), "topics", "sink-offsets-in"));
        try (WorkerFixture fixture = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")))) {
            fixture.produce("sink-offsets-in", numbered("v", 0, 10));
            fixture.deploy(config);
            Map<String, Object> committedTen = Map.of("kafka_offset", 10L);
            Await.until(WorkerFixture.TIMEOUT, () -> fixture.worker.offsets(name, config).offsets().equals(List.of(
                new PartitionOffset(sinkPartition("sink-offsets-in", 0), committedTen))), () -> "offset 10 committed");
            stop(fixture, name);
            RecordingSinkTask.delivered.remove(name);

            fixture.worker.alterOffsets(name, config,
                offsets(sinkPartition("sink-offsets-in", 0), Map.of("kafka_offset", 4)));

            assertThat(fixture.worker.offsets(name, config).offsets()).containsExactly(
                new PartitionOffset(sinkPartition("sink-offsets-in", 0), Map.of("kafka_offset", 4L)));
            fixture.deploy(config);
            Await.until(WorkerFixture.TIMEOUT, () -> RecordingSinkTask.delivered.get(name) != null
                && RecordingSinkTask.delivered.get(name).size() >= 6, () -> "6 records delivered again");
            assertThat(RecordingSinkTask.delivered.get(name)).containsExactlyElementsOf(numbered("v", 4, 10));
            stop(fixture, name);

            fixture.worker.resetOffsets(name, config);

            assertThat(fixture.worker.offsets(name, config).offsets()).isEmpty();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                assertThat(admin.listGroups().all().get()).extracting(GroupListing::groupId)
                    .doesNotContain("connect-" + name);
            }
            fixture.worker.resetOffsets(name, config); // idempotent: no group is not an error
        }
    }

    @Test
    void malformedSinkOffsetsAreRefusedNamingTheConnectorAndTheEntry(EmbeddedBroker broker, @TempDir Path dir) {
        Map<String, String> config = Map.of("name", "sink-bad",
            "connector.class", RecordingSinkConnector.class.getName(), "topics", "sink-bad-in");
        try (WorkerFixture fixture = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")))) {
            assertThatThrownBy(() -> fixture.worker.alterOffsets("sink-bad", config,
                offsets(Map.of("kafka_topic", "sink-bad-in"), Map.of("kafka_offset", 1))))
                .isInstanceOf(BadOffsetsException.class)
                .hasMessageContaining("Connector 'sink-bad'")
                .hasMessageContaining("'kafka_partition' must be a non-negative integer");
            assertThatThrownBy(() -> fixture.worker.alterOffsets("sink-bad", config,
                offsets(sinkPartition("sink-bad-in", 0), Map.of("kafka_offset", "12"))))
                .isInstanceOf(BadOffsetsException.class)
                .hasMessageContaining("'kafka_offset' must be a non-negative integer");

            assertThat(fixture.worker.offsets("sink-bad", config).offsets()).isEmpty();
        }
    }

    @Test
    void sourceOffsetsAreAlteredAndResetInTheOffsetStore(EmbeddedBroker broker, @TempDir Path dir) {
        String name = "source-offsets";
        String topic = "source-offsets-out";
        Map<String, String> config = Map.of("name", name,
            "connector.class", CountingSourceConnector.class.getName(), "topic", topic, "count", "10");
        Map<String, Object> partition = Map.of("source", name);
        try (WorkerFixture fixture = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")))) {
            fixture.deploy(config);
            Await.until(WorkerFixture.TIMEOUT, () -> Map.of("position", 9L).equals(fixture.sourceOffset(name, config)),
                () -> "offset of record-9 stored");
            stop(fixture, name);

            fixture.worker.alterOffsets(name, config, offsets(partition, Map.of("position", 6)));

            assertThat(fixture.worker.offsets(name, config).offsets())
                .containsExactly(new PartitionOffset(partition, Map.of("position", 6L)));
            fixture.deploy(config);
            assertThat(values(fixture.read(topic, 13))).containsExactlyElementsOf(
                Stream.concat(numbered("record-", 0, 10).stream(),
                    numbered("record-", 7, 10).stream()).toList());
            stop(fixture, name);

            assertThatThrownBy(() -> fixture.worker.alterOffsets(name, config,
                offsets(partition, Map.of("position", Map.of("nested", 1)))))
                .isInstanceOf(BadOffsetsException.class)
                .hasMessageContaining("Connector 'source-offsets'")
                .hasMessageContaining("field 'position' of the offset");
            fixture.worker.resetOffsets(name, config);

            assertThat(fixture.worker.offsets(name, config).offsets()).isEmpty();
        }
    }
}
