package io.sluice.log.storage;

import static io.sluice.log.config.Validator.atLeast;
import static io.sluice.log.config.Validator.between;
import static io.sluice.log.config.Validator.oneOf;
import static io.sluice.log.config.Validator.subsetOf;

import io.sluice.log.config.ConfigDef;
import io.sluice.log.config.ConfigKey;
import io.sluice.log.config.ConfigValues;
import io.sluice.log.config.Importance;
import io.sluice.log.record.RecordBatchDescriptor;
import io.sluice.log.record.TimestampType;
import java.util.List;
import java.util.Map;

/**
 * Per-topic log configuration, with Kafka's topic-level key names. Immutable; a config change builds a new
 * instance and hands it to the log.
 *
 * <p>Durability differs from Kafka on purpose: {@code flush.messages} defaults to 1, so every append is
 * acknowledged only once it is fsynced, with concurrent appenders sharing one fsync (group commit). A larger
 * value gives Kafka's page-cache behaviour: appends complete at once and the log fsyncs every N messages or
 * {@code flush.ms}.
 */
public final class LogConfig {
    public static final String CLEANUP_POLICY_DELETE = "delete";
    public static final String CLEANUP_POLICY_COMPACT = "compact";

    public static final ConfigKey<Integer> SEGMENT_BYTES = ConfigKey.intKey("segment.bytes")
        .defaultValue(1 << 30).validator(atLeast(RecordBatchDescriptor.HEADER_SIZE)).importance(Importance.HIGH)
        .doc("Bytes written to one segment file before the log rolls to a new one.");
    public static final ConfigKey<Long> SEGMENT_MS = ConfigKey.longKey("segment.ms")
        .defaultValue(7L * 24 * 60 * 60 * 1000).validator(atLeast(1)).importance(Importance.MEDIUM)
        .doc("Age after which the active segment is rolled even if not full, so retention and compaction can act on it.");
    public static final ConfigKey<Integer> SEGMENT_INDEX_BYTES = ConfigKey.intKey("segment.index.bytes")
        .defaultValue(10 * 1024 * 1024).validator(atLeast(12)).importance(Importance.MEDIUM)
        .doc("Size of each segment's offset index; the segment rolls when its index is full.");
    public static final ConfigKey<Integer> INDEX_INTERVAL_BYTES = ConfigKey.intKey("index.interval.bytes")
        .defaultValue(4096).validator(atLeast(0)).importance(Importance.MEDIUM)
        .doc("Bytes appended between two offset-index entries: smaller means faster lookups and a bigger index.");
    public static final ConfigKey<Long> RETENTION_MS = ConfigKey.longKey("retention.ms")
        .defaultValue(7L * 24 * 60 * 60 * 1000).validator(atLeast(-1)).importance(Importance.HIGH)
        .doc("Segments whose newest record is older than this are deleted (cleanup.policy=delete); -1 keeps them forever.");
    public static final ConfigKey<Long> RETENTION_BYTES = ConfigKey.longKey("retention.bytes")
        .defaultValue(-1L).validator(atLeast(-1)).importance(Importance.HIGH)
        .doc("Oldest segments are deleted while the partition is larger than this (cleanup.policy=delete); -1 means no limit.");
    public static final ConfigKey<List<String>> CLEANUP_POLICY = ConfigKey.listKey("cleanup.policy")
        .defaultValue(List.of(CLEANUP_POLICY_DELETE))
        .validator(subsetOf(CLEANUP_POLICY_DELETE, CLEANUP_POLICY_COMPACT)).importance(Importance.HIGH)
        .doc("'delete' removes old segments by retention; 'compact' keeps the latest record per key; both may be given.");
    public static final ConfigKey<Long> DELETE_RETENTION_MS = ConfigKey.longKey("delete.retention.ms")
        .defaultValue(24L * 60 * 60 * 1000).validator(atLeast(0)).importance(Importance.MEDIUM)
        .doc("How long compaction keeps a tombstone (null value) so consumers can see the delete.");
    public static final ConfigKey<Long> MIN_COMPACTION_LAG_MS = ConfigKey.longKey("min.compaction.lag.ms")
        .defaultValue(0L).validator(atLeast(0)).importance(Importance.MEDIUM)
        .doc("A record stays uncompacted for at least this long after it is written.");
    public static final ConfigKey<Double> MIN_CLEANABLE_DIRTY_RATIO = ConfigKey.doubleKey("min.cleanable.dirty.ratio")
        .defaultValue(0.5).validator(between(0, 1)).importance(Importance.MEDIUM)
        .doc("Compaction starts when uncompacted bytes are at least this fraction of the log.");
    public static final ConfigKey<Integer> MAX_MESSAGE_BYTES = ConfigKey.intKey("max.message.bytes")
        .defaultValue(1024 * 1024 + 12).validator(atLeast(0)).importance(Importance.HIGH)
        .doc("Largest record batch (after compression) the log accepts.");
    public static final ConfigKey<String> MESSAGE_TIMESTAMP_TYPE = ConfigKey.stringKey("message.timestamp.type")
        .defaultValue(TimestampType.CREATE_TIME.configName())
        .validator(oneOf(TimestampType.CREATE_TIME.configName(), TimestampType.LOG_APPEND_TIME.configName()))
        .importance(Importance.MEDIUM)
        .doc("CreateTime keeps the producer's timestamps; LogAppendTime stamps each batch with the broker's clock.");
    public static final ConfigKey<Long> FLUSH_MESSAGES = ConfigKey.longKey("flush.messages")
        .defaultValue(1L).validator(atLeast(1)).importance(Importance.HIGH)
        .doc("1 (the default): an append completes only once fsynced, concurrent appends share one fsync "
            + "(group commit). N > 1: appends complete at once and the log fsyncs every N messages (Kafka's behaviour).");
    public static final ConfigKey<Long> FLUSH_MS = ConfigKey.longKey("flush.ms")
        .defaultValue(Long.MAX_VALUE).validator(atLeast(0)).importance(Importance.MEDIUM)
        .doc("With flush.messages > 1, the longest time appended data may stay unsynced.");
    public static final ConfigKey<Long> FILE_DELETE_DELAY_MS = ConfigKey.longKey("file.delete.delay.ms")
        .defaultValue(60_000L).validator(atLeast(0)).importance(Importance.LOW)
        .doc("Delay between removing a segment from the log and deleting its files, so in-flight reads finish.");

    public static final ConfigKey<Integer> MIN_INSYNC_REPLICAS = ConfigKey.intKey("min.insync.replicas")
        .defaultValue(1).validator(atLeast(1)).importance(Importance.HIGH)
        .doc("With acks=all, a write is refused (NOT_ENOUGH_REPLICAS) unless at least this many replicas are in sync.");

    public static final ConfigDef DEFINITION = new ConfigDef("Topic configuration", List.of(
        SEGMENT_BYTES, SEGMENT_MS, SEGMENT_INDEX_BYTES, INDEX_INTERVAL_BYTES, RETENTION_MS, RETENTION_BYTES,
        CLEANUP_POLICY, DELETE_RETENTION_MS, MIN_COMPACTION_LAG_MS, MIN_CLEANABLE_DIRTY_RATIO, MAX_MESSAGE_BYTES,
        MESSAGE_TIMESTAMP_TYPE, FLUSH_MESSAGES, FLUSH_MS, FILE_DELETE_DELAY_MS, MIN_INSYNC_REPLICAS));

    private static final LogConfig DEFAULTS = new LogConfig(Map.of());

    private final ConfigValues values;
    public final int segmentBytes;
    public final long segmentMs;
    public final int segmentIndexBytes;
    public final int indexIntervalBytes;
    public final long retentionMs;
    public final long retentionBytes;
    public final boolean compact;
    public final boolean delete;
    public final long deleteRetentionMs;
    public final long minCompactionLagMs;
    public final double minCleanableDirtyRatio;
    public final int maxMessageBytes;
    public final TimestampType timestampType;
    public final long flushMessages;
    public final long flushMs;
    public final long fileDeleteDelayMs;
    public final int minInsyncReplicas;

    /** Parses topic properties (String or typed values); absent keys take their defaults. */
    public LogConfig(Map<String, ?> props) {
        this.values = DEFINITION.parse(props);
        this.segmentBytes = values.get(SEGMENT_BYTES);
        this.segmentMs = values.get(SEGMENT_MS);
        this.segmentIndexBytes = values.get(SEGMENT_INDEX_BYTES);
        this.indexIntervalBytes = values.get(INDEX_INTERVAL_BYTES);
        this.retentionMs = values.get(RETENTION_MS);
        this.retentionBytes = values.get(RETENTION_BYTES);
        List<String> policy = values.get(CLEANUP_POLICY);
        this.compact = policy.contains(CLEANUP_POLICY_COMPACT);
        this.delete = policy.contains(CLEANUP_POLICY_DELETE);
        this.deleteRetentionMs = values.get(DELETE_RETENTION_MS);
        this.minCompactionLagMs = values.get(MIN_COMPACTION_LAG_MS);
        this.minCleanableDirtyRatio = values.get(MIN_CLEANABLE_DIRTY_RATIO);
        this.maxMessageBytes = values.get(MAX_MESSAGE_BYTES);
        this.timestampType = TimestampType.forConfigName(values.get(MESSAGE_TIMESTAMP_TYPE));
        this.flushMessages = values.get(FLUSH_MESSAGES);
        this.flushMs = values.get(FLUSH_MS);
        this.fileDeleteDelayMs = values.get(FILE_DELETE_DELAY_MS);
        this.minInsyncReplicas = values.get(MIN_INSYNC_REPLICAS);
    }

    public static LogConfig defaults() {
        return DEFAULTS;
    }

    /** True when appends wait for fsync (group commit); false for Kafka-style periodic flushing. */
    public boolean durableAppends() {
        return flushMessages == 1;
    }

    /** Every key with its effective value, for DescribeConfigs and logs. */
    public Map<String, Object> values() {
        return values.asMap();
    }

    @Override
    public String toString() {
        return "LogConfig" + values.asMap();
    }
}
