package io.sluice.connect.datagen;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces its stripe of a data set's sequence: task i of k builds records i, i+k, i+2k, ... below the limit
 * ({@link DatagenConfig#sequenceLimit()}), so k tasks together produce each sequence number once.
 *
 * <p>Offsets: source partition {@code {"data.set": name, "task": i, "tasks": k}}, offset {@code {"sequence": n}},
 * the last sequence number delivered; a restart continues at n + k, so the deterministic sequence goes on without a
 * gap or a repeat. Changing {@code tasks.max} starts new partitions (a different striping) from the beginning.
 *
 * <p>Pacing: a {@link TokenBucket} per task at {@code rate} records per second (none when rate is 0). With no token,
 * or with the stripe exhausted, a poll parks on the {@link TaskClock} (at most {@link #IDLE_PARK_NANOS}) and returns
 * null, so the worker's loop never spins.
 *
 * <p>Threading: {@link #poll()} runs on the worker's task thread; {@link #stop()} may come from another thread and
 * wakes a parked poll through the clock.
 */
public final class DatagenTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(DatagenTask.class);
    static final String DATA_SET_FIELD = "data.set";
    static final String TASK_FIELD = "task";
    static final String TASKS_FIELD = "tasks";
    static final String SEQUENCE_FIELD = "sequence";
    static final long IDLE_PARK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final TaskClock clock;
    private volatile boolean stopping;
    private DatagenConfig config;
    private DataSet dataSet;
    private GeneratorSettings settings;
    private TokenBucket bucket;
    private Map<String, Object> partition;
    private long nextSequence;
    private long limit;
    private int stride;
    private boolean reportedExhausted;

    public DatagenTask() {
        this(TaskClock.system());
    }

    DatagenTask(TaskClock clock) {
        this.clock = clock;
    }

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = DatagenConfig.forTask(props);
        dataSet = config.dataSet();
        settings = GeneratorSettings.of(config);
        bucket = config.rate() > 0 ? new TokenBucket(config.rate(), clock) : null;
        stride = config.taskCount();
        limit = config.sequenceLimit();
        partition = Map.of(DATA_SET_FIELD, dataSet.configName(), TASK_FIELD, config.taskIndex(), TASKS_FIELD, stride);
        Map<String, Object> stored = context.offsetStorageReader().offset(partition);
        nextSequence = stored == null ? config.taskIndex() : lastSequence(stored) + stride;
        log.info("Datagen task {} of {} generates {} into {} from sequence {} (seed {}, rate {}/s)",
            config.taskIndex(), stride, dataSet.configName(), config.topic(), nextSequence, settings.seed(),
            config.rate());
    }

    private long lastSequence(Map<String, Object> stored) {
        if (stored.get(SEQUENCE_FIELD) instanceof Number sequence && sequence.longValue() >= 0) {
            return sequence.longValue();
        }
        throw new ConnectException("Stored offset of datagen partition " + partition + " has no valid '"
            + SEQUENCE_FIELD + "': " + stored);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping) {
            return null;
        }
        if (nextSequence >= limit) {
            reportExhaustedOnce();
            clock.park(IDLE_PARK_NANOS);
            return null;
        }
        int wanted = (int) Math.min(config.batchSize(), (limit - nextSequence - 1) / stride + 1);
        int granted = bucket == null ? wanted : bucket.take(wanted);
        if (granted == 0) {
            clock.park(Math.min(bucket.nanosUntilNextToken(), IDLE_PARK_NANOS));
            return null;
        }
        List<SourceRecord> records = new ArrayList<>(granted);
        for (int i = 0; i < granted; i++) {
            records.add(record(nextSequence));
            nextSequence += stride;
        }
        return records;
    }

    private SourceRecord record(long sequence) {
        Struct value = dataSet.value(sequence, settings);
        return new SourceRecord(partition, Map.of(SEQUENCE_FIELD, sequence), config.topic(), null,
            Schema.STRING_SCHEMA, value.getString("user_id"), dataSet.schema(), value,
            settings.timestampOf(sequence));
    }

    private void reportExhaustedOnce() {
        if (!reportedExhausted) {
            log.info("Datagen task {} of {} produced its share of the {} {} records; it stays idle now",
                config.taskIndex(), stride, limit, dataSet.configName());
            reportedExhausted = true;
        }
    }

    @Override
    public void stop() {
        stopping = true;
        clock.wake();
    }
}
