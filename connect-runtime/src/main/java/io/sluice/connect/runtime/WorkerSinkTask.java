package io.sluice.connect.runtime;

import io.sluice.connect.runtime.errors.FailedRecord;
import io.sluice.connect.runtime.errors.RetryAbortedException;
import io.sluice.connect.runtime.errors.Stage;
import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SinkTask}: a consumer in group {@code connect-<connector>} subscribed to {@code topics} or
 * {@code topics.regex}; each poll's records are converted (key, value, headers), transformed and handed to
 * {@code put} as one batch.
 *
 * <p>Offsets: a partition's offset advances past a record only once {@code put} returned for its batch (or the
 * record was dropped, or tolerated and reported). Every {@code offset.flush.interval.ms}, when the task calls
 * {@code requestCommit()}, before partitions are revoked and on stop, the task's {@code preCommit} (by default
 * {@code flush}) gets those offsets and what it returns is committed synchronously, after any dead letter records
 * are acknowledged. {@code open}/{@code close} follow the consumer's assignment.
 *
 * <p>Failures in {@code put}: a {@link RetriableException} pauses consumption and re-delivers the same batch after
 * the task's {@code context.timeout()} (Kafka Connect's meaning). Any other exception fails the task under
 * {@code errors.tolerance=none}; under {@code all} (a Sluice extension) the batch is put again one record at a time,
 * each record that still fails is reported at stage TASK_PUT (log, dead letter queue) and the others are delivered.
 * Records may therefore reach {@code put} twice, which at-least-once delivery allows anyway.
 *
 * <p>Pause: every assigned partition is paused on the consumer, which keeps polling so the task stays in its group;
 * partitions the task paused itself stay paused on resume.
 *
 * <p>Threading: everything, including the rebalance callbacks, runs on the task thread; other threads only call
 * {@link #wakeUp} (consumer.wakeup) through stop and target-state changes.
 */
final class WorkerSinkTask extends WorkerTask {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerSinkTask.class);

    private final SinkTask task;
    private final Map<String, String> taskConfig;
    private final SinkConnectorConfig connectorConfig;
    private final WorkerConfig workerConfig;
    private final RecordConverters converters;
    private final TransformationChain<SinkRecord> transforms;
    private final java.util.function.Consumer<String> activeTopics;
    private final Consumer<byte[], byte[]> consumer;
    private final WorkerSinkTaskContext context;
    private final Map<TopicPartition, OffsetAndMetadata> currentOffsets = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> lastCommitted = new HashMap<>();
    private final List<SinkRecord> batch = new ArrayList<>();
    /** The consumed record behind each entry of {@link #batch}, for error reports and revocations. */
    private final List<ConsumerRecord<byte[], byte[]>> batchOrigins = new ArrayList<>();
    private final Map<TopicPartition, Long> batchNextOffsets = new HashMap<>();
    private boolean pausedForRedelivery;
    private boolean pausedForState;

    WorkerSinkTask(ConnectorTaskId id, SinkTask task, Map<String, String> taskConfig,
                   SinkConnectorConfig connectorConfig, TaskResources<SinkRecord> resources,
                   Consumer<byte[], byte[]> consumer) {
        super(id, resources);
        this.task = task;
        this.taskConfig = taskConfig;
        this.connectorConfig = connectorConfig;
        this.workerConfig = resources.workerConfig();
        this.converters = resources.converters();
        this.transforms = resources.transforms();
        this.activeTopics = resources.activeTopics();
        this.consumer = consumer;
        boolean reportErrant = !connectorConfig.dlqTopic().isEmpty() || connectorConfig.errorsLogEnable();
        this.context = new WorkerSinkTaskContext(taskConfig, consumer,
            reportErrant ? new WorkerErrantRecordReporter(operator, converters, task.getClass()) : null,
            resources.pluginMetrics());
    }

    @Override
    protected void initializeAndStart() {
        task.initialize(context);
        task.start(taskConfig);
        RebalanceListener listener = new RebalanceListener();
        if (connectorConfig.topicsRegex() != null) {
            consumer.subscribe(connectorConfig.topicsRegex(), listener);
        } else {
            consumer.subscribe(connectorConfig.topics(), listener);
        }
    }

    @Override
    protected void execute() {
        long nextCommitMs = System.currentTimeMillis() + workerConfig.offsetFlushIntervalMs();
        try {
            while (!isStopping()) {
                applyTargetState();
                long now = System.currentTimeMillis();
                if (context.takeCommitRequest() || now >= nextCommitMs) {
                    commitOffsets();
                    nextCommitMs = now + workerConfig.offsetFlushIntervalMs();
                }
                pollAndDeliver(Math.max(0, nextCommitMs - now));
            }
        } catch (RetryAbortedException stopped) {
            LOG.info("Task {} stopped while retrying a record; it and the records polled with it are not "
                + "committed and will be consumed again", id);
            clearBatch();
        }
        commitOffsets();
        closePartitions(consumer.assignment());
    }

    @Override
    protected void wakeUp() {
        consumer.wakeup();
    }

    private void applyTargetState() {
        boolean paused = targetState() == Herder.TargetState.PAUSED;
        if (paused && !pausedForState) {
            consumer.pause(consumer.assignment());
            pausedForState = true;
            statusListener.onPause(id);
        } else if (!paused && pausedForState) {
            pausedForState = false;
            resumeUnlessHeld();
            statusListener.onResume(id);
        }
    }

    /** Resumes every partition not held by a pause for redelivery or by the task itself. */
    private void resumeUnlessHeld() {
        if (pausedForState || pausedForRedelivery) {
            return;
        }
        Set<TopicPartition> resume = new HashSet<>(consumer.assignment());
        resume.removeAll(context.pausedByTask());
        consumer.resume(resume);
    }

    private void pollAndDeliver(long untilCommitMs) {
        rewind();
        long requested = context.takeTimeoutMs();
        long timeoutMs = requested >= 0 ? Math.min(requested, untilCommitMs) : untilCommitMs;
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(Duration.ofMillis(timeoutMs));
        } catch (WakeupException stopOrStateChange) {
            return;
        }
        if (!pausedForRedelivery) {
            for (TopicPartition partition : records.partitions()) {
                List<ConsumerRecord<byte[], byte[]>> partitionRecords = records.records(partition);
                activeTopics.accept(partition.topic());
                for (ConsumerRecord<byte[], byte[]> record : partitionRecords) {
                    addToBatch(record);
                }
                batchNextOffsets.put(partition, partitionRecords.get(partitionRecords.size() - 1).offset() + 1);
            }
        }
        if (pausedForState && batch.isEmpty()) {
            return;
        }
        deliver();
    }

    private void rewind() {
        Map<TopicPartition, Long> requested = context.takeRequestedOffsets();
        Set<TopicPartition> assigned = consumer.assignment();
        requested.forEach((partition, offset) -> {
            if (assigned.contains(partition)) {
                consumer.seek(partition, offset);
                currentOffsets.put(partition, new OffsetAndMetadata(offset));
            } else {
                LOG.warn("Task {} asked to seek partition {} which is not assigned to it; ignored", id, partition);
            }
        });
    }

    private void addToBatch(ConsumerRecord<byte[], byte[]> record) {
        Supplier<FailedRecord> origin = () -> failedRecord(record);
        SinkRecord converted = convert(record, origin);
        if (converted == null) {
            return;
        }
        SinkRecord transformed = transforms.apply(converted, operator, origin);
        if (transformed != null) {
            batch.add(transformed);
            batchOrigins.add(record);
        }
    }

    /** Built only when a record fails: its description renders the whole record. */
    private static FailedRecord failedRecord(ConsumerRecord<byte[], byte[]> record) {
        return new FailedRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
            record.headers(), record.toString());
    }

    /** @return the record, or null when a conversion failed and the failure was tolerated */
    private SinkRecord convert(ConsumerRecord<byte[], byte[]> record, Supplier<FailedRecord> origin) {
        String topic = record.topic();
        SchemaAndValue key = operator.execute(() -> converters.key().toConnectData(topic, record.headers(),
            record.key()), Stage.KEY_CONVERTER, converters.key().getClass(), origin);
        if (operator.failed()) {
            return null;
        }
        SchemaAndValue value = operator.execute(() -> converters.value().toConnectData(topic, record.headers(),
            record.value()), Stage.VALUE_CONVERTER, converters.value().getClass(), origin);
        if (operator.failed()) {
            return null;
        }
        ConnectHeaders headers = operator.execute(() -> convertHeaders(record), Stage.HEADER_CONVERTER,
            converters.header().getClass(), origin);
        if (operator.failed()) {
            return null;
        }
        Long timestamp = record.timestamp() < 0 ? null : record.timestamp();
        return new SinkRecord(topic, record.partition(), key.schema(), key.value(), value.schema(), value.value(),
            record.offset(), timestamp, record.timestampType(), headers);
    }

    private ConnectHeaders convertHeaders(ConsumerRecord<byte[], byte[]> record) {
        ConnectHeaders headers = new ConnectHeaders();
        for (org.apache.kafka.common.header.Header header : record.headers()) {
            SchemaAndValue converted = converters.header().toConnectHeader(record.topic(), header.key(),
                header.value());
            headers.add(header.key(), converted);
        }
        return headers;
    }

    private void deliver() {
        try {
            task.put(new ArrayList<>(batch));
        } catch (RetriableException e) {
            LOG.warn("Task {} asked to retry a batch of {} records: {}", id, batch.size(), e.getMessage());
            if (!pausedForRedelivery) {
                consumer.pause(consumer.assignment());
                pausedForRedelivery = true;
            }
            return;
        } catch (RuntimeException e) {
            if (!operator.toleratesAll()) {
                throw new ConnectException("Exiting WorkerSinkTask due to unrecoverable exception from put of "
                    + "task " + id, e);
            }
            LOG.warn("Task {} failed to put a batch of {} records; putting them one at a time to isolate the "
                + "failing ones", id, batch.size(), e);
            putOneByOne();
        }
        batchNextOffsets.forEach((partition, next) -> currentOffsets.put(partition, new OffsetAndMetadata(next)));
        clearBatch();
        if (pausedForRedelivery) {
            pausedForRedelivery = false;
            resumeUnlessHeld();
        }
    }

    private void putOneByOne() {
        for (int i = 0; i < batch.size(); i++) {
            SinkRecord record = batch.get(i);
            ConsumerRecord<byte[], byte[]> origin = batchOrigins.get(i);
            operator.execute(() -> {
                task.put(List.of(record));
                return Boolean.TRUE;
            }, Stage.TASK_PUT, task.getClass(), () -> failedRecord(origin));
        }
    }

    private void clearBatch() {
        batch.clear();
        batchOrigins.clear();
        batchNextOffsets.clear();
    }

    private void commitOffsets() {
        if (isCancelled() || currentOffsets.isEmpty()) {
            return;
        }
        operator.awaitReports(workerConfig.offsetFlushTimeoutMs());
        Map<TopicPartition, OffsetAndMetadata> toCommit;
        try {
            toCommit = task.preCommit(new HashMap<>(currentOffsets));
        } catch (RuntimeException e) {
            LOG.error("Task {} failed to flush; rewinding to the last committed offsets to deliver again", id, e);
            rewindToLastCommitted();
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> changed = new HashMap<>();
        Set<TopicPartition> assigned = consumer.assignment();
        toCommit.forEach((partition, offset) -> {
            if (assigned.contains(partition) && !offset.equals(lastCommitted.get(partition))) {
                changed.put(partition, offset);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        consumer.commitSync(changed);
        lastCommitted.putAll(changed);
        LOG.debug("Task {} committed offsets {}", id, changed);
    }

    private void rewindToLastCommitted() {
        for (TopicPartition partition : consumer.assignment()) {
            OffsetAndMetadata committed = lastCommitted.get(partition);
            if (committed != null) {
                consumer.seek(partition, committed.offset());
                currentOffsets.put(partition, committed);
            }
        }
        clearBatch();
    }

    private void closePartitions(Collection<TopicPartition> partitions) {
        if (!partitions.isEmpty()) {
            task.close(new ArrayList<>(partitions));
        }
        currentOffsets.keySet().removeAll(partitions);
        lastCommitted.keySet().removeAll(partitions);
        context.forget(partitions);
    }

    @Override
    protected void close() {
        try {
            task.stop();
        } finally {
            consumer.close(CloseOptions.timeout(isCancelled() ? Duration.ZERO : Duration.ofSeconds(5)));
            transforms.close();
            converters.close();
            operator.close();
        }
    }

    /** Keeps {@code open}/{@code close} and the offsets in step with the consumer's assignment. */
    private final class RebalanceListener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                currentOffsets.put(partition, new OffsetAndMetadata(consumer.position(partition)));
            }
            task.open(new ArrayList<>(partitions));
            if (pausedForState || pausedForRedelivery) {
                consumer.pause(partitions);
            }
            rewind();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            // Records of the revoked partitions not yet put go to the partitions' next owner instead.
            dropFromBatch(partitions);
            commitOffsets();
            closePartitions(partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            dropFromBatch(partitions);
            closePartitions(partitions);
        }

        private void dropFromBatch(Collection<TopicPartition> partitions) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                ConsumerRecord<byte[], byte[]> origin = batchOrigins.get(i);
                if (partitions.contains(new TopicPartition(origin.topic(), origin.partition()))) {
                    batch.remove(i);
                    batchOrigins.remove(i);
                }
            }
            batchNextOffsets.keySet().removeAll(partitions);
        }
    }
}
