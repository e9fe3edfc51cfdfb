package io.sluice.log.protocol;

import io.sluice.log.cluster.LocalPartitions;
import io.sluice.log.cluster.TopicRegistry;
import io.sluice.log.record.RecordBatchBuilder;
import io.sluice.log.server.RequestContext;
import io.sluice.log.storage.AppendOrigin;
import io.sluice.log.storage.LogConfig;
import io.sluice.log.storage.LogManager;
import io.sluice.log.storage.LogManagerConfig;
import io.sluice.log.storage.PartitionLog;
import io.sluice.log.storage.TopicPartition;
import io.sluice.log.util.MockTime;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.MessageUtil;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * A real single-node topic stack in a temporary directory — {@link LogManager}, {@link TopicRegistry} (metadata
 * log) and {@link LocalPartitions} — for admin handler tests. Logs get their topic's effective configuration, as
 * the broker wires them.
 */
final class AdminFixture implements AutoCloseable {
    static final int NODE_ID = 1;
    static final int DEFAULT_NUM_PARTITIONS = 2;
    /** One broker-level topic default, so tests can tell STATIC_BROKER_CONFIG from DEFAULT_CONFIG. */
    static final Map<String, Object> TOPIC_DEFAULTS = Map.of("retention.ms", "86400000");

    final LogManager logs;
    final TopicRegistry registry;
    final LocalPartitions partitions;

    AdminFixture(Path dataDir) {
        AtomicReference<TopicRegistry> registryRef = new AtomicReference<>();
        logs = new LogManager(LogManagerConfig.forDir(dataDir), new MockTime(), topic -> {
            TopicRegistry topics = registryRef.get();
            if (topic.equals(TopicRegistry.METADATA_PARTITION.topic()) || topics == null) {
                return TopicRegistry.METADATA_LOG_CONFIG;
            }
            return topics.logConfig(topic);
        });
        registry = TopicRegistry.load(logs.getOrCreateLog(TopicRegistry.METADATA_PARTITION), TOPIC_DEFAULTS);
        registryRef.set(registry);
        partitions = new LocalPartitions(logs, registry, NODE_ID);
    }

    static RequestContext context(ApiKeys api, short version) {
        return new RequestContext(new RequestHeader(api, version, "admin-test", 7), InetAddress.getLoopbackAddress(),
            "test-connection", 0L);
    }

    /** Writes the response at {@code version} and reads it back, as a client of that version would see it. */
    @SuppressWarnings("unchecked") // parseResponse returns the response class of the API key
    static <R extends AbstractResponse> R asSeenByClient(R response, short version) {
        return (R) AbstractResponse.parseResponse(response.apiKey(),
            MessageUtil.toByteBufferAccessor(response.data(), version), version);
    }

    PartitionLog log(String topic, int partition) {
        return logs.getLog(new TopicPartition(topic, partition)).orElseThrow();
    }

    /** Appends {@code count} one-record batches to a partition and waits until they are durable. */
    void append(String topic, int partition, int count) {
        PartitionLog log = partitions.log(new TopicPartition(topic, partition));
        for (int i = 0; i < count; i++) {
            var batch = new RecordBatchBuilder(0L)
                .append(0L, null, ("v" + i).getBytes(StandardCharsets.UTF_8))
                .build();
            log.appendAsLeader(batch, LocalPartitions.LEADER_EPOCH, AppendOrigin.CLIENT).durable().join();
        }
    }

    LogConfig logConfig(String topic) {
        return registry.logConfig(topic);
    }

    @Override
    public void close() {
        logs.close();
    }
}
