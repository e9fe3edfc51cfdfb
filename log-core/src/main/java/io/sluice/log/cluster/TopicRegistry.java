package io.sluice.log.cluster;

import io.sluice.log.errors.CorruptRecordException;
import io.sluice.log.errors.InvalidPartitionsException;
import io.sluice.log.errors.InvalidTopicException;
import io.sluice.log.errors.TopicExistsException;
import io.sluice.log.errors.UnknownTopicOrPartitionException;
import io.sluice.log.record.Record;
import io.sluice.log.record.RecordBatch;
import io.sluice.log.record.RecordBatchBuilder;
import io.sluice.log.record.RecordBatches;
import io.sluice.log.storage.AppendOrigin;
import io.sluice.log.storage.FetchResult;
import io.sluice.log.storage.LogConfig;
import io.sluice.log.storage.PartitionLog;
import io.sluice.log.storage.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The topics of a single-node cluster. Every change (create, delete, add partitions, alter configs) is first
 * appended to the metadata log {@code __cluster_metadata-0} — one compacted record per topic, keyed by name, a
 * tombstone for a deletion — and waits until it is fsynced; only then does it take effect in memory. Opening
 * the registry replays that log, so topics, their ids and their configs survive restarts and crashes.
 *
 * <p>Threading: mutations are serialized ({@code synchronized}); reads use an immutable snapshot published
 * through a volatile field, so request threads never block on a metadata change.
 */
public final class TopicRegistry {
    public static final TopicPartition METADATA_PARTITION = new TopicPartition("__cluster_metadata", 0);
    /** The metadata log keeps the latest record per topic forever. */
    public static final LogConfig METADATA_LOG_CONFIG = new LogConfig(Map.of(
        LogConfig.CLEANUP_POLICY.name(), LogConfig.CLEANUP_POLICY_COMPACT,
        LogConfig.SEGMENT_BYTES.name(), 16 * 1024 * 1024));
    private static final int MAX_NAME_LENGTH = 249;
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]+");
    private static final Logger log = LoggerFactory.getLogger(TopicRegistry.class);

    private final PartitionLog metadataLog;
    private final Map<String, ?> topicDefaults;
    private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

    private record Snapshot(Map<String, TopicMetadata> byName, Map<UUID, TopicMetadata> byId) {
    }

    private TopicRegistry(PartitionLog metadataLog, Map<String, ?> topicDefaults) {
        this.metadataLog = metadataLog;
        this.topicDefaults = Map.copyOf(topicDefaults);
    }

    /**
     * Replays {@code metadataLog} into a registry. A record that does not parse is logged once and skipped: one
     * damaged topic record must not keep the broker from starting.
     *
     * @param topicDefaults topic-level keys (Kafka names, e.g. {@code retention.ms}) that apply where a topic has
     *                      no override
     */
    public static TopicRegistry load(PartitionLog metadataLog, Map<String, ?> topicDefaults) {
        TopicRegistry registry = new TopicRegistry(metadataLog, topicDefaults);
        Map<String, TopicMetadata> topics = new LinkedHashMap<>();
        long next = metadataLog.logStartOffset();
        try {
            while (next < metadataLog.logEndOffset()) {
                FetchResult result = metadataLog.read(next, 1 << 20, true);
                if (result.isEmpty()) {
                    break;
                }
                for (RecordBatch batch : RecordBatches.completeBatchesOf(result.slice().readFully())) {
                    for (Iterator<Record> records = batch.records(); records.hasNext(); ) {
                        registry.replay(records.next(), topics);
                    }
                    next = batch.nextOffset();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the metadata log " + metadataLog.dir(), e);
        }
        registry.publish(topics);
        log.info("Loaded {} topics from the metadata log", topics.size());
        return registry;
    }

    private void replay(Record record, Map<String, TopicMetadata> topics) {
        if (record.key() == null) {
            log.warn("Skipping a metadata record without a key at offset {} of {}", record.offset(), metadataLog.dir());
            return;
        }
        String name = StandardCharsets.UTF_8.decode(record.key()).toString();
        if (record.value() == null) {
            topics.remove(name);
            return;
        }
        try {
            topics.put(name, TopicRecordCodec.decode(name, record.value()));
        } catch (CorruptRecordException e) {
            log.warn("Skipping a corrupt metadata record at offset {} of {}: {}", record.offset(), metadataLog.dir(),
                e.getMessage());
        }
    }

    private void publish(Map<String, TopicMetadata> topics) {
        Map<UUID, TopicMetadata> byId = new HashMap<>();
        topics.values().forEach(topic -> byId.put(topic.topicId(), topic));
        snapshot = new Snapshot(Map.copyOf(topics), Map.copyOf(byId));
    }

    public Optional<TopicMetadata> topic(String name) {
        return Optional.ofNullable(snapshot.byName().get(name));
    }

    public Optional<TopicMetadata> topic(UUID topicId) {
        return Optional.ofNullable(snapshot.byId().get(topicId));
    }

    public Collection<TopicMetadata> topics() {
        return snapshot.byName().values();
    }

    /** The effective log configuration of {@code topic}: broker defaults overridden by the topic's own keys. */
    public LogConfig logConfig(String topic) {
        if (topic.equals(METADATA_PARTITION.topic())) {
            return METADATA_LOG_CONFIG;
        }
        Map<String, Object> props = new HashMap<>(topicDefaults);
        topic(topic).ifPresent(metadata -> props.putAll(metadata.configOverrides()));
        return new LogConfig(props);
    }

    /**
     * Checks a creation without doing it (CreateTopics with validateOnly), returning what would be created.
     *
     * @throws InvalidTopicException      the name is not legal
     * @throws TopicExistsException        the topic exists
     * @throws InvalidPartitionsException  the partition count is below 1
     * @throws io.sluice.log.config.ConfigException a config key is unknown or its value invalid
     */
    public TopicMetadata validateCreate(String name, int partitions, Map<String, String> configs) {
        validateName(name);
        if (snapshot.byName().containsKey(name)) {
            throw new TopicExistsException("Topic '" + name + "' already exists");
        }
        if (partitions < 1) {
            throw new InvalidPartitionsException("Topic '" + name + "' needs at least 1 partition, got " + partitions);
        }
        validateConfigs(configs);
        return new TopicMetadata(name, newTopicId(), partitions, configs);
    }

    /** Creates a topic durably; see {@link #validateCreate} for the errors. */
    public synchronized TopicMetadata create(String name, int partitions, Map<String, String> configs) {
        TopicMetadata topic = validateCreate(name, partitions, configs);
        write(topic);
        return topic;
    }

    /** Deletes a topic durably; its logs are the caller's to delete afterwards. */
    public synchronized TopicMetadata delete(String name) {
        TopicMetadata topic = existing(name);
        append(name, null);
        Map<String, TopicMetadata> topics = new LinkedHashMap<>(snapshot.byName());
        topics.remove(name);
        publish(topics);
        return topic;
    }

    /** Grows a topic to {@code totalPartitions}; partitions can only be added. */
    public synchronized TopicMetadata createPartitions(String name, int totalPartitions, boolean validateOnly) {
        TopicMetadata topic = existing(name);
        if (totalPartitions <= topic.partitionCount()) {
            throw new InvalidPartitionsException("Topic '" + name + "' has " + topic.partitionCount()
                + " partitions; the new count " + totalPartitions + " must be larger");
        }
        TopicMetadata grown = new TopicMetadata(name, topic.topicId(), totalPartitions, topic.configOverrides());
        if (!validateOnly) {
            write(grown);
        }
        return grown;
    }

    /**
     * Applies config changes to a topic: a non-null value sets the key, null removes the override (back to the
     * broker default). All changes are validated together before anything is written.
     */
    public synchronized TopicMetadata alterConfigs(String name, Map<String, String> changes, boolean validateOnly) {
        TopicMetadata topic = existing(name);
        Map<String, String> overrides = new LinkedHashMap<>(topic.configOverrides());
        changes.forEach((key, value) -> {
            if (value == null) {
                overrides.remove(key);
            } else {
                overrides.put(key, value);
            }
        });
        validateConfigs(overrides);
        TopicMetadata altered = new TopicMetadata(name, topic.topicId(), topic.partitionCount(), overrides);
        if (!validateOnly) {
            write(altered);
        }
        return altered;
    }

    private TopicMetadata existing(String name) {
        TopicMetadata topic = snapshot.byName().get(name);
        if (topic == null) {
            throw new UnknownTopicOrPartitionException("Topic '" + name + "' does not exist");
        }
        return topic;
    }

    private void write(TopicMetadata topic) {
        append(topic.name(), TopicRecordCodec.encode(topic));
        Map<String, TopicMetadata> topics = new LinkedHashMap<>(snapshot.byName());
        topics.put(topic.name(), topic);
        publish(topics);
    }

    /** Appends one record and waits until it is on disk: a change is never visible before it is durable. */
    private void append(String name, byte[] value) {
        ByteBuffer batch = new RecordBatchBuilder(0L)
            .append(System.currentTimeMillis(), name.getBytes(StandardCharsets.UTF_8), value)
            .build();
        metadataLog.appendAsLeader(batch, 0, AppendOrigin.CLIENT).durable().join();
    }

    private void validateConfigs(Map<String, String> overrides) {
        Map<String, Object> props = new HashMap<>(topicDefaults);
        props.putAll(overrides);
        new LogConfig(props);
    }

    static void validateName(String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new InvalidTopicException("Topic name '" + name + "' is not allowed");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidTopicException("Topic name '" + name + "' is " + name.length()
                + " characters long, the limit is " + MAX_NAME_LENGTH);
        }
        if (!LEGAL_NAME.matcher(name).matches()) {
            throw new InvalidTopicException("Topic name '" + name
                + "' may only hold ASCII letters, digits, '.', '_' and '-'");
        }
    }

    /**
     * A random id that Kafka clients accept: never all-zero or the reserved id 1, and (as Kafka's own ids) never
     * one whose base64 text starts with '-', which command-line tools would mistake for an option.
     */
    private static UUID newTopicId() {
        while (true) {
            UUID id = UUID.randomUUID();
            boolean reserved = id.getMostSignificantBits() == 0 && id.getLeastSignificantBits() <= 1;
            boolean dashFirst = (id.getMostSignificantBits() >>> 58) == 62;
            if (!reserved && !dashFirst) {
                return id;
            }
        }
    }
}
