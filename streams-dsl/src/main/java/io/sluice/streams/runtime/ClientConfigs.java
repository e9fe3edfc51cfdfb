package io.sluice.streams.runtime;

import io.sluice.streams.StreamsConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.GroupProtocol;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The kafka-clients configurations of an app's consumer, producer and admin client, derived from its Streams
 * properties as Kafka Streams does: every property that is a known key of the client passes through, and
 * {@code consumer.}, {@code producer.} and {@code admin.} prefixed keys override for that client only. Keys the
 * runtime depends on (group, group protocol, serializers, manual commits, the assignor) are forced.
 *
 * <p>Stateless.
 */
public final class ClientConfigs {
    /** The consumer's partition assignor: keeps a task's partitions on one thread, stateful tasks near their state. */
    static final String ASSIGNOR_CLASS = StreamsPartitionAssignor.class.getName();
    static final int RESTORE_MAX_POLL_RECORDS = 10_000;

    private ClientConfigs() {
    }

    /**
     * The main consumer of a stream thread: group {@code application.id} with the classic protocol (the assignor
     * runs in the client), manual commits, offsets reset by us, and what {@link StreamsPartitionAssignor} needs.
     * {@code max.poll.records} stays kafka-clients' 500 (Kafka Streams sets 1000): measured with the word count
     * benchmark, 1000 made the embedded case 1.6× slower (39–41k vs 65k lines/s, alternating runs), most likely
     * because polls of 1000 fill a partition's buffer to {@code StreamThread}'s pause threshold (1000) at once, so
     * partitions are paused and resumed far more often.
     *
     * @param subscription asked at each join for the thread's {@link SubscriptionInfo}
     * @param listener     told of each assignment
     */
    public static Map<String, Object> consumer(StreamsConfig config, String bootstrapServers, String clientId,
                                               TopologyMetadata metadata, Supplier<SubscriptionInfo> subscription,
                                               AssignmentListener listener) {
        Map<String, Object> props = forClient(config, ConsumerConfig.configNames(), "consumer.");
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, config.applicationId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"); // OffsetResetter applies per-source policies
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // sources are checked at start
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, ASSIGNOR_CLASS);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, GroupProtocol.CLASSIC.name());
        props.put(StreamsPartitionAssignor.TOPOLOGY_METADATA_CONFIG, metadata);
        props.put(StreamsPartitionAssignor.SUBSCRIPTION_SUPPLIER_CONFIG, subscription);
        props.put(StreamsPartitionAssignor.ASSIGNMENT_LISTENER_CONFIG, listener);
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.numStandbyReplicas());
        return props;
    }

    /**
     * A stream thread's restore consumer: assign-only (no group, nothing committed), and {@code auto.offset.reset}
     * none, since {@link ChangelogReader} seeks every partition it reads; {@code consumer.} and
     * {@code restore.consumer.} prefixed keys override, in that order. {@code max.poll.records} is
     * {@value #RESTORE_MAX_POLL_RECORDS} unless set: a restore applies each poll's records of a partition as one
     * write batch, and more records per poll means fewer, bigger batches.
     */
    public static Map<String, Object> restoreConsumer(StreamsConfig config, String bootstrapServers,
                                                      String clientId) {
        return assignOnlyConsumer(config, bootstrapServers, clientId, "restore.consumer.");
    }

    /**
     * The global stream thread's consumer: as the restore consumer (assign-only, nothing committed, positioned by
     * its reader), with {@code global.consumer.} prefixed keys as its own overrides.
     */
    public static Map<String, Object> globalConsumer(StreamsConfig config, String bootstrapServers,
                                                     String clientId) {
        return assignOnlyConsumer(config, bootstrapServers, clientId, "global.consumer.");
    }

    private static Map<String, Object> assignOnlyConsumer(StreamsConfig config, String bootstrapServers,
                                                          String clientId, String overridePrefix) {
        Map<String, Object> props = forClient(config, ConsumerConfig.configNames(), "consumer.");
        props.putAll(forClient(config, Set.of(), overridePrefix));
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, RESTORE_MAX_POLL_RECORDS);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** A stream thread's producer; {@code linger.ms} 100 unless set, as Kafka Streams, to batch output. */
    public static Map<String, Object> producer(StreamsConfig config, String bootstrapServers, String clientId) {
        Map<String, Object> props = forClient(config, ProducerConfig.configNames(), "producer.");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 100);
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    public static Map<String, Object> admin(StreamsConfig config, String bootstrapServers, String clientId) {
        Map<String, Object> props = forClient(config, AdminClientConfig.configNames(), "admin.");
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return props;
    }

    private static Map<String, Object> forClient(StreamsConfig config, Set<String> clientKeys, String prefix) {
        Map<String, Object> props = new HashMap<>();
        config.originals().forEach((key, value) -> {
            if (clientKeys.contains(key)) {
                props.put(key, value);
            }
        });
        config.originals().forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                props.put(key.substring(prefix.length()), value);
            }
        });
        return props;
    }
}
