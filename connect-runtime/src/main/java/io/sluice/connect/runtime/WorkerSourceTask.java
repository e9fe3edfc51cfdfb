package io.sluice.connect.runtime;

import io.sluice.connect.runtime.errors.FailedRecord;
import io.sluice.connect.runtime.errors.RetryAbortedException;
import io.sluice.connect.runtime.errors.Stage;
import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import io.sluice.connect.storage.ConnectorOffsetStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
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
 * dead letter queue when one is configured (a Sluice extension). A failed send (the producer gave up on it, e.g. the
 * broker refused it as too large) fails the task under {@code errors.tolerance=none}; under {@code all} it is
 * logged, reported at stage KAFKA_PRODUCE (dead letter queue included) and skipped with its offset counted as done,
 * as Kafka Connect does since KIP-779. Skipped and dropped records reach {@code commitRecord} with null metadata.
 * A {@link RetriableException} from poll is logged and poll is called again. A stop during a retry backoff ends it
 * at once; the record being retried and those polled after it are not registered, so no stored offset passes them.
 * Pause stops polling (the thread waits); {@code SourceTask.stop()} is called on the task thread after the last poll
 * returned.
 *
 * <p>Threading: the task thread runs everything except the producer callbacks of successful sends (ack,
 * commitRecord); a failed send's callback only queues it for the task thread, because reporting it may block.
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
    private final Queue<FailedSend> failedSends = new ConcurrentLinkedQueue<>();

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
            handleFailedSends();
            if (targetState() == Herder.TargetState.PAUSED) {
                commitOffsets();
                if (!awaitUnpaused()) {
                    break;
                }
                continue;
            }
            List<SourceRecord> records = poll();
            if (records != null && !sendAll(records)) {
                break;
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

    /** @return false when the task was stopped while a record was being retried: the rest are not sent */
    private boolean sendAll(List<SourceRecord> records) {
        for (int i = 0; i < records.size(); i++) {
            try {
                send(records.get(i));
            } catch (RetryAbortedException stopped) {
                LOG.info("Task {} stopped while retrying a record; it and the {} records polled after it are not "
                    + "sent and their offsets not stored", id, records.size() - i - 1);
                return false;
            }
        }
        return true;
    }

    /**
     * Transforms, converts and hands one record to the producer. The record is registered in {@link #submitted} only
     * once its fate is known (on the task thread, so in poll order): a record abandoned by a stop mid-retry is
     * never registered, so no stored offset passes it and the final commit does not wait for it.
     */
    private void send(SourceRecord record) {
        Supplier<FailedRecord> failed = () -> failedRecord(record);
        SourceRecord transformed = transforms.apply(record, operator, failed);
        ProducerRecord<byte[], byte[]> converted = transformed == null ? null : convert(transformed, failed);
        SubmittedRecords.Submitted inFlight = submitted.submit(record.sourcePartition(), record.sourceOffset());
        if (converted == null) {
            // Dropped by a transformation or skipped after a tolerated failure: done, as far as offsets go.
            inFlight.ack();
            commitRecord(record, null);
            return;
        }
        topicCreator.ensure(converted.topic());
        activeTopics.accept(converted.topic());
        producer.send(converted, (metadata, error) -> {
            if (error == null) {
                inFlight.ack();
                commitRecord(record, metadata);
            } else {
                // Handled on the task thread: reporting may block (the DLQ producer), which an I/O thread must not.
                failedSends.add(new FailedSend(record, converted.topic(), inFlight, error));
            }
        });
    }

    private void commitRecord(SourceRecord record, RecordMetadata metadata) {
        try {
            task.commitRecord(record, metadata);
        } catch (Throwable t) {
            LOG.error("Task {} threw from commitRecord; continuing", id, t);
        }
    }

    /**
     * Failed sends, as in Kafka Connect (KIP-779): under {@code errors.tolerance=none} the first one fails the task
     * with the send's exception; under {@code all} each is logged, reported (including to the dead letter queue, our
     * extension) and skipped, its offset counting as done so the partition's offsets advance past it.
     */
    private void handleFailedSends() {
        for (FailedSend failure = failedSends.poll(); failure != null; failure = failedSends.poll()) {
            if (!operator.toleratesAll()) {
                throw new ConnectException("Task " + id + " could not send a record to topic '" + failure.topic()
                    + "': " + failure.error().getMessage(), failure.error());
            }
            LOG.warn("Task {} could not send a record to topic '{}' and skips it (errors.tolerance=all): {}", id,
                failure.topic(), failure.error().toString());
            operator.report(failure.error(), Stage.KAFKA_PRODUCE, producer.getClass(), failedRecord(failure.record()));
            failure.inFlight().ack();
            commitRecord(failure.record(), null);
        }
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

    /** Stores the offsets of acknowledged records and lets the task commit; failures are logged, not fatal. */
    private void commitOffsets() throws InterruptedException {
        if (isCancelled()) {
            return;
        }
        handleFailedSends();
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
        // flush() returns after every callback ran, so every failed send is queued by now.
        producer.flush();
        handleFailedSends();
        if (!submitted.awaitAllAcked(workerConfig.offsetFlushTimeoutMs())) {
            LOG.warn("Task {} stopped with {} records not acknowledged within {} ms; their offsets are not stored",
                id, submitted.pending(), workerConfig.offsetFlushTimeoutMs());
        }
        commitOffsets();
    }

    /** A send the producer gave up on, waiting for the task thread to fail the task or skip the record. */
    private record FailedSend(SourceRecord record, String topic, SubmittedRecords.Submitted inFlight,
                              Exception error) { }

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
