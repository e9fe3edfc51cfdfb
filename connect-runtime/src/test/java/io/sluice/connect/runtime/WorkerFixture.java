package io.sluice.connect.runtime;

import io.sluice.connect.runtime.isolation.Plugins;
import io.sluice.connect.runtime.rest.entities.ConnectorOffsets;
import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import io.sluice.connect.storage.OffsetBackingStore;
import io.sluice.log.embedded.EmbeddedBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A worker on the embedded broker driven the way a herder would: deploy = start the connector, wait until it runs,
 * start one task per task config. Plus helpers to read and write topics with real clients.
 */
final class WorkerFixture implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Plugins PLUGINS = new Plugins(List.of());

    final RecordingStatusListener status = new RecordingStatusListener();
    final Worker worker;
    private final EmbeddedBroker broker;

    WorkerFixture(EmbeddedBroker broker, OffsetBackingStore offsets) {
        this(broker, offsets, Map.of());
    }

    /** @param workerProps worker configs added to (or replacing) the fixture's defaults */
    WorkerFixture(EmbeddedBroker broker, OffsetBackingStore offsets, Map<String, String> workerProps) {
        this.broker = broker;
        Map<String, String> props = new HashMap<>();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("offset.flush.interval.ms", "200");
        props.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        props.putAll(workerProps);
        worker = new Worker("test-worker", new WorkerConfig(props), PLUGINS, offsets, status);
        worker.start();
    }

    /** Starts the connector and its tasks; returns the task ids. */
    List<ConnectorTaskId> deploy(Map<String, String> config) {
        String name = config.get("name");
        worker.startConnector(name, config, Herder.TargetState.RUNNING, connector -> { });
        Await.until(TIMEOUT, () -> status.connectors.get(name) != null, () -> "connector " + name + " reported");
        List<ConnectorTaskId> ids = new ArrayList<>();
        List<Map<String, String>> taskConfigs = worker.connectorTaskConfigs(name);
        for (int i = 0; i < taskConfigs.size(); i++) {
            ConnectorTaskId id = new ConnectorTaskId(name, i);
            worker.startTask(id, config, taskConfigs.get(i), Herder.TargetState.RUNNING);
            ids.add(id);
        }
        return ids;
    }

    void awaitTaskState(ConnectorTaskId id, String state) {
        Await.until(TIMEOUT, () -> state.equals(status.tasks.get(id)),
            () -> "task " + id + " " + state + ", is " + status.tasks.get(id) + " " + status.failures.get(id));
    }

    /** Reads the topic from the beginning until {@code expected} records arrived (or times out). */
    List<ConsumerRecord<byte[], byte[]>> read(String topic, int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("auto.offset.reset", "earliest");
        props.put("group.id", "reader-" + System.nanoTime());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                 new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            // One more short poll: anything beyond the expected count is a duplicate the test must see.
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
        }
        return records;
    }

    static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> r.value() == null ? null : new String(r.value())).toList();
    }

    void produce(String topic, List<String> values) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        try (KafkaProducer<byte[], byte[]> producer =
                 new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, null, value.getBytes())).get();
            }
        }
    }

    void createTopic(String topic, int partitions, Map<String, String> configs) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())
                .configs(configs))).all().get();
        }
    }

    /** The stored offset of a source connector's only partition, or null when none is stored. */
    Map<String, Object> sourceOffset(String connector, Map<String, String> config) {
        List<ConnectorOffsets.PartitionOffset> offsets = worker.offsets(connector, config).offsets();
        return offsets.isEmpty() ? null : offsets.get(0).offset();
    }

    @Override
    public void close() {
        worker.close();
    }
}
