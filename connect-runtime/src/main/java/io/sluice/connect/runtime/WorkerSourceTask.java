package io.sluice.connect.runtime;

import io.sluice.connect.runtime.errors.FailedRecord;
import io.sluice.connect.runtime.errors.Stage;
import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import io.sluice.connect.storage.ConnectorOffsetStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link SourceTask}: poll, then for each record transformations, converters and {@code producer.send}.
 *
 * <p>Offsets: every polled record is registered in {@link SubmittedRecords} before it is sent and acknowledged when
 * the broker confirms it (or when it was dropped by a transformation or sent to the dead letter queue); every
 * {@code offset.flush.interval.ms}, and once more on stop after waiting up to {@code offset.flush.timeout.ms} for
 * in-flight records, the offsets of the acknowledged prefix of each source partition are written to the offset
 * store and {@code SourceTask.commit()} is called. A crash therefore re-delivers at most the records after the last
 * stored offset (at-least-once), and a clean stop loses and duplicates nothing. {@code commitRecord} is called from
 * the producer's callback thread with the record as the task produced it, as in Kafka Connect.
 *
 * <p>Failures: a record that fails a transformation or conversion is handled by the task's
 * {@link RetryWithToleranceOperator}; with {@code errors.tolerance=all} it is skipped and reported, including to the
 * dead letter queue when one is configured (a Sluice extension). A failed send fails the task. A
 * {@link RetriableException} from poll is logged and poll is called again. Pause stops polling (the thread waits);
 * {@code SourceTask.stop()} is called on the task thread after the last poll returned.
 *
 * <p>Threading: the task thread runs everything except producer callbacks (acks, commitRecord).
 */
final class WorkerSourceTask extends WorkerTask {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerSourceTask.class);

    private final SourceTask task;
    private final Map<String, String> taskConfig;
    private final WorkerConfig workerConfig;
    private final RecordConverters converters;
    private final TransformationChain<SourceRecord> transforms;
    private final Producer<byte[], byte[]> producer;
    private final TopicCreator topicCreator;
    private final ConnectorOffsetStore offsets;
    private final Consumer<String> activeTopics;
    private final PluginMetrics pluginMetrics;
    private final SubmittedRecords submitted = new SubmittedRecords();
    private volatile Throwable sendFailure;

    WorkerSourceTask(ConnectorTaskId id, SourceTask task, Map<String, String> taskConfig,
                     TaskResources<SourceRecord> resources, Producer<byte[], byte[]> producer,
                     TopicCreator topicCreator, ConnectorOffsetStore offsets) {
        super(id, resources);
        this.task = task;
        this.taskConfig = taskConfig;
        this.workerConfig = resources.workerConfig();
        this.converters = resources.converters();
        this.transforms = resources.transforms();
        this.activeTopics = resources.activeTopics();
        this.pluginMetrics = resources.pluginMetrics();
        this.producer = producer;
        this.topicCreator = topicCreator;
        this.offsets = offsets;
    }

    @Override
    protected void initializeAndStart() {
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return taskConfig;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return offsets;
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return pluginMetrics;
            }
        });
        task.start(taskConfig);
    }

    @Override
    protected void execute() throws Exception {
        long nextFlushMs = System.currentTimeMillis() + workerConfig.offsetFlushIntervalMs();
        while (!isStopping()) {
            throwIfSendFailed();
            if (targetState() == Herder.TargetState.PAUSED) {
                commitOffsets();
                if (!awaitUnpaused()) {
                    break;
                }
                continue;
            }
            List<SourceRecord> records = poll();
            if (records != null) {
                for (SourceRecord record : records) {
                    send(record);
                }
            }
            if (System.currentTimeMillis() >= nextFlushMs) {
                commitOffsets();
                nextFlushMs = System.currentTimeMillis() + workerConfig.offsetFlushIntervalMs();
            }
        }
        finalCommit();
    }

    private List<SourceRecord> poll() throws InterruptedException {
        try {
            return task.poll();
        } catch (RetriableException e) {
            LOG.warn("Task {} failed to poll with a retriable error; polling again", id, e);
            return null;
        }
    }

    private void send(SourceRecord record) {
        SubmittedRecords.Submitted inFlight = submitted.submit(record.sourcePartition(), record.sourceOffset());
        Supplier<FailedRecord> failed = () -> failedRecord(record);
        SourceRecord transformed = transforms.apply(record, operator, failed);
        if (transformed == null) {
            inFlight.ack();
            return;
        }
        ProducerRecord<byte[], byte[]> converted = convert(transformed, failed);
        if (converted == null) {
            inFlight.ack();
            return;
        }
        topicCreator.ensure(converted.topic());
        activeTopics.accept(converted.topic());
        producer.send(converted, (metadata, error) -> {
            if (error != null) {
                sendFailure = error;
                return;
            }
            inFlight.ack();
            try {
                task.commitRecord(record, metadata);
            } catch (Throwable t) {
                LOG.error("Task {} threw from commitRecord; continuing", id, t);
            }
        });
    }

    /** @return the record to produce, or null when a conversion failed and the failure was tolerated */
    private ProducerRecord<byte[], byte[]> convert(SourceRecord record, Supplier<FailedRecord> failed) {
        String topic = record.topic();
        RecordHeaders headers = operator.execute(() -> convertHeaders(record), Stage.HEADER_CONVERTER,
            converters.header().getClass(), failed);
        if (operator.failed()) {
            return null;
        }
        byte[] key = operator.execute(() -> converters.key().fromConnectData(topic, headers, record.keySchema(),
            record.key()), Stage.KEY_CONVERTER, converters.key().getClass(), failed);
        if (operator.failed()) {
            return null;
        }
        byte[] value = operator.execute(() -> converters.value().fromConnectData(topic, headers,
            record.valueSchema(), record.value()), Stage.VALUE_CONVERTER, converters.value().getClass(), failed);
        if (operator.failed()) {
            return null;
        }
        return new ProducerRecord<>(topic, record.kafkaPartition(), record.timestamp(), key, value, headers);
    }

    private RecordHeaders convertHeaders(SourceRecord record) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header.key(),
                converters.header().fromConnectHeader(record.topic(), header.key(), header.schema(), header.value()));
        }
        return headers;
    }

    /**
     * The record as the dead letter queue gets it: converted as produced by the connector (before transformations)
     * where the converters manage it, else without key or value.
     */
    private FailedRecord failedRecord(SourceRecord record) {
        byte[] key = null;
        byte[] value = null;
        RecordHeaders headers = new RecordHeaders();
        try {
            headers = convertHeaders(record);
            key = converters.key().fromConnectData(record.topic(), headers, record.keySchema(), record.key());
            value = converters.value().fromConnectData(record.topic(), headers, record.valueSchema(),
                record.value());
        } catch (RuntimeException conversionFailed) {
            LOG.debug("Task {}: the failed record cannot be converted for the dead letter queue", id,
                conversionFailed);
        }
        return new FailedRecord(record.topic(), record.kafkaPartition(), -1, key, value, headers, record.toString());
    }

    private void throwIfSendFailed() {
        Throwable failure = sendFailure;
        if (failure != null) {
            throw new ConnectException("Task " + id + " could not send a record to Kafka: " + failure.getMessage(),
                failure);
        }
    }

    /** Stores the offsets of acknowledged records and lets the task commit; failures are logged, not fatal. */
    private void commitOffsets() throws InterruptedException {
        if (isCancelled()) {
            return;
        }
        try {
            operator.awaitReports(workerConfig.offsetFlushTimeoutMs());
            Map<Map<String, ?>, Map<String, ?>> committable = submitted.committableOffsets();
            if (!committable.isEmpty()) {
                offsets.write(committable);
                LOG.debug("Task {} stored offsets for {} source partitions", id, committable.size());
            }
        } catch (ConnectException e) {
            LOG.error("Task {} failed to store offsets; they will be stored at the next flush", id, e);
            return;
        }
        task.commit();
    }

    private void finalCommit() throws InterruptedException {
        producer.flush();
        if (!submitted.awaitAllAcked(workerConfig.offsetFlushTimeoutMs())) {
            LOG.warn("Task {} stopped with {} records not acknowledged within {} ms; their offsets are not stored",
                id, submitted.pending(), workerConfig.offsetFlushTimeoutMs());
        }
        throwIfSendFailed();
        commitOffsets();
    }

    @Override
    protected void close() {
        try {
            task.stop();
        } finally {
            producer.close(isCancelled() ? Duration.ZERO : Duration.ofSeconds(5));
            transforms.close();
            converters.close();
            operator.close();
        }
    }
}
