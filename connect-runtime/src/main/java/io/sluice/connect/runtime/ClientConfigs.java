package io.sluice.connect.runtime;

import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The settings of the Kafka clients a connector's tasks use: Connect's defaults, then the worker's
 * {@code producer.*} / {@code consumer.*} / {@code admin.*} keys, then the connector's {@code producer.override.*}
 * / {@code consumer.override.*} / {@code admin.override.*} keys when {@code connector.client.config.override.policy}
 * allows them (with {@code None} an override is an error naming the key, never silently ignored). Connect's defaults
 * are Kafka Connect's, plus a larger producer {@code batch.size} (see {@link #producer}). Stateless.
 */
final class ClientConfigs {
    /** The producer batch size of source tasks (the client's default is 16 KB); why: {@link #producer}. */
    static final int SOURCE_BATCH_SIZE_BYTES = 256 * 1024;

    private ClientConfigs() {
    }

    static Map<String, Object> producer(WorkerConfig worker, ConnectorConfig connector, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // A source task's records to one partition travel one batch per produce request, and with acks=all each
        // request waits for the broker's fsync (Sluice's default durability), so a partition moves at most
        // max.in.flight batches per fsync. The producer's 16 KB default caps a file source at ~14 MB/s
        // (profiled in docs/benchmarks.md "Connect"); 256 KB batches more than double that. Batches still close
        // after linger.ms, so latency is unchanged, and the memory is bounded by buffer.memory as before. The
        // worker's producer.batch.size and a connector's producer.override.batch.size still win.
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, SOURCE_BATCH_SIZE_BYTES);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.putAll(worker.clientProps(WorkerConfig.PRODUCER_PREFIX));
        props.putAll(overrides(worker, connector, ConnectorConfig.PRODUCER_OVERRIDE_PREFIX));
        return props;
    }

    static Map<String, Object> consumer(WorkerConfig worker, ConnectorConfig connector, ConnectorTaskId id) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.GROUP_ID_CONFIG, sinkGroupId(id.connector()));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "connector-consumer-" + id);
        props.putAll(worker.clientProps(WorkerConfig.CONSUMER_PREFIX));
        props.putAll(overrides(worker, connector, ConnectorConfig.CONSUMER_OVERRIDE_PREFIX));
        return props;
    }

    static Map<String, Object> admin(WorkerConfig worker, ConnectorConfig connector, String clientId) {
        Map<String, Object> props = new HashMap<>();
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        props.putAll(worker.clientProps(WorkerConfig.ADMIN_PREFIX));
        if (connector != null) {
            props.putAll(overrides(worker, connector, ConnectorConfig.ADMIN_OVERRIDE_PREFIX));
        }
        return props;
    }

    /** Kafka Connect's consumer group of a sink connector. */
    static String sinkGroupId(String connector) {
        return "connect-" + connector;
    }

    /**
     * The consumer group a sink connector's tasks actually join: {@code consumer.override.group.id} when the config
     * sets it (the override reaches the consumer like any other), else {@code connect-<name>}. Where its offsets are
     * listed, altered and reset.
     */
    static String sinkGroupId(String connector, Map<String, String> connectorConfig) {
        String override = connectorConfig.get(ConnectorConfig.CONSUMER_OVERRIDE_PREFIX
            + ConsumerConfig.GROUP_ID_CONFIG);
        return override == null || override.isBlank() ? sinkGroupId(connector) : override;
    }

    private static Map<String, Object> overrides(WorkerConfig worker, ConnectorConfig connector, String prefix) {
        Map<String, Object> overrides = connector.originalsWithPrefix(prefix);
        if (!overrides.isEmpty() && worker.clientOverridePolicy() == WorkerConfig.ClientOverridePolicy.None) {
            throw new ConnectException("Connector '" + connector.name() + "' overrides client settings "
                + overrides.keySet().stream().map(k -> prefix + k).sorted().toList() + " but the worker's "
                + WorkerConfig.CONNECTOR_CLIENT_CONFIG_OVERRIDE_POLICY + " is None");
        }
        return overrides;
    }
}
