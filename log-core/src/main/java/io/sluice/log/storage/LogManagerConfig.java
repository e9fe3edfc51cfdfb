package io.sluice.log.storage;

import static io.sluice.log.config.Validator.atLeast;

import io.sluice.log.config.ConfigDef;
import io.sluice.log.config.ConfigKey;
import io.sluice.log.config.ConfigValues;
import io.sluice.log.config.Importance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Broker-level settings of the {@link LogManager}, with Kafka's key names where the concept is the same. */
public final class LogManagerConfig {
    public static final ConfigKey<String> LOG_DIR = ConfigKey.stringKey("log.dir")
        .importance(Importance.HIGH).doc("Directory holding every partition's log.");
    public static final ConfigKey<Long> RETENTION_CHECK_INTERVAL_MS = ConfigKey.longKey("log.retention.check.interval.ms")
        .defaultValue(300_000L).validator(atLeast(1)).importance(Importance.MEDIUM)
        .doc("How often logs are checked for segments to delete by retention.");
    public static final ConfigKey<Long> CHECKPOINT_INTERVAL_MS = ConfigKey.longKey("log.flush.offset.checkpoint.interval.ms")
        .defaultValue(60_000L).validator(atLeast(1)).importance(Importance.LOW)
        .doc("How often recovery points and log start offsets are checkpointed; recovery after a crash scans "
            + "from the last checkpoint.");
    public static final ConfigKey<Long> FLUSH_SCHEDULER_INTERVAL_MS = ConfigKey.longKey("log.flush.scheduler.interval.ms")
        .defaultValue(1_000L).validator(atLeast(1)).importance(Importance.LOW)
        .doc("How often topics with flush.messages > 1 are checked against their flush.ms.");
    public static final ConfigKey<Integer> FLUSH_THREADS = ConfigKey.intKey("log.flush.threads")
        .defaultValue(2).validator(atLeast(1)).importance(Importance.MEDIUM)
        .doc("Threads that fsync logs for group commit; different partitions are synced in parallel.");
    public static final ConfigKey<Integer> RECOVERY_THREADS = ConfigKey.intKey("num.recovery.threads.per.data.dir")
        .defaultValue(2).validator(atLeast(1)).importance(Importance.MEDIUM)
        .doc("Threads that open (and, after a crash, recover) partition logs at startup.");
    public static final ConfigKey<Long> PRODUCER_ID_EXPIRATION_MS = ConfigKey.longKey("producer.id.expiration.ms")
        .defaultValue(86_400_000L).validator(atLeast(1)).importance(Importance.LOW)
        .doc("Idempotent producer state is dropped after this long without a write from the producer.");
    public static final ConfigKey<Boolean> CLEANER_ENABLE = ConfigKey.booleanKey("log.cleaner.enable")
        .defaultValue(true).importance(Importance.MEDIUM)
        .doc("Run log compaction for topics with cleanup.policy=compact.");
    public static final ConfigKey<Long> CLEANER_BACKOFF_MS = ConfigKey.longKey("log.cleaner.backoff.ms")
        .defaultValue(15_000L).validator(atLeast(1)).importance(Importance.LOW)
        .doc("How often the cleaner looks for logs to compact.");

    public static final ConfigDef DEFINITION = new ConfigDef("Broker log settings", List.of(LOG_DIR,
        RETENTION_CHECK_INTERVAL_MS, CHECKPOINT_INTERVAL_MS, FLUSH_SCHEDULER_INTERVAL_MS, FLUSH_THREADS,
        RECOVERY_THREADS, PRODUCER_ID_EXPIRATION_MS, CLEANER_ENABLE, CLEANER_BACKOFF_MS));

    public final Path logDir;
    public final long retentionCheckIntervalMs;
    public final long checkpointIntervalMs;
    public final long flushSchedulerIntervalMs;
    public final int flushThreads;
    public final int recoveryThreads;
    public final long producerIdExpirationMs;
    public final boolean cleanerEnable;
    public final long cleanerBackoffMs;

    public LogManagerConfig(Map<String, ?> props) {
        ConfigValues values = DEFINITION.parse(props);
        this.logDir = Path.of(values.get(LOG_DIR));
        this.retentionCheckIntervalMs = values.get(RETENTION_CHECK_INTERVAL_MS);
        this.checkpointIntervalMs = values.get(CHECKPOINT_INTERVAL_MS);
        this.flushSchedulerIntervalMs = values.get(FLUSH_SCHEDULER_INTERVAL_MS);
        this.flushThreads = values.get(FLUSH_THREADS);
        this.recoveryThreads = values.get(RECOVERY_THREADS);
        this.producerIdExpirationMs = values.get(PRODUCER_ID_EXPIRATION_MS);
        this.cleanerEnable = values.get(CLEANER_ENABLE);
        this.cleanerBackoffMs = values.get(CLEANER_BACKOFF_MS);
    }

    public static LogManagerConfig forDir(Path dir) {
        return new LogManagerConfig(Map.of(LOG_DIR.name(), dir.toString()));
    }
}
