package io.sluice.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.runtime.isolation.Plugins;
import io.sluice.connect.runtime.testplugins.CountingSourceConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ClientConfigsTest {
    private static final Plugins PLUGINS = new Plugins(List.of());

    private static ConnectorConfig source(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of("name", "s",
            "connector.class", CountingSourceConnector.class.getName()));
        props.putAll(extra);
        return ConnectorConfig.of(PLUGINS, props, false);
    }

    private static WorkerConfig worker(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(Map.of("bootstrap.servers", "localhost:9092"));
        props.putAll(extra);
        return new WorkerConfig(props);
    }

    @Test
    void sourceProducersBatchLargerThanTheClientDefaultAndKeepConnectsDurability() {
        Map<String, Object> props = ClientConfigs.producer(worker(Map.of()), source(Map.of()), "p");

        assertThat(props).containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024)
            .containsEntry(ProducerConfig.ACKS_CONFIG, "all");
    }

    @Test
    void workerAndConnectorBatchSizesWinOverTheDefault() {
        assertThat(ClientConfigs.producer(worker(Map.of("producer.batch.size", "65536")), source(Map.of()), "p"))
            .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "65536");
        assertThat(ClientConfigs.producer(worker(Map.of("producer.batch.size", "65536")),
            source(Map.of("producer.override.batch.size", "1024")), "p"))
            .containsEntry(ProducerConfig.BATCH_SIZE_CONFIG, "1024");
    }
}
