package io.sluice.connect.runtime;

import io.sluice.connect.runtime.errors.FailedRecord;
import io.sluice.connect.runtime.errors.RetryWithToleranceOperator;
import io.sluice.connect.runtime.errors.Stage;
import java.util.concurrent.Future;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ErrantRecordReporter} a sink task gets from its context: the record it reports goes through the task's
 * error policy at stage TASK_PUT, i.e. to the log and dead letter queue under {@code errors.tolerance=all}, and fails
 * the task (the call throws) under {@code none}. The record is converted back to bytes with the task's converters
 * and carries its original topic, partition and offset, as Kafka Connect does.
 *
 * <p>Threading: safe from any thread (the operator's reporting is synchronised); the task waits for the returned
 * futures before it commits offsets.
 */
final class WorkerErrantRecordReporter implements ErrantRecordReporter {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerErrantRecordReporter.class);

    private final RetryWithToleranceOperator operator;
    private final RecordConverters converters;
    private final Class<?> taskClass;

    WorkerErrantRecordReporter(RetryWithToleranceOperator operator, RecordConverters converters, Class<?> taskClass) {
        this.operator = operator;
        this.converters = converters;
        this.taskClass = taskClass;
    }

    @Override
    public Future<Void> report(SinkRecord record, Throwable error) {
        return operator.report(error, Stage.TASK_PUT, taskClass, toFailedRecord(record));
    }

    private FailedRecord toFailedRecord(SinkRecord record) {
        String topic = record.originalTopic();
        RecordHeaders headers = new RecordHeaders();
        byte[] key = null;
        byte[] value = null;
        try {
            for (Header header : record.headers()) {
                headers.add(header.key(),
                    converters.header().fromConnectHeader(topic, header.key(), header.schema(), header.value()));
            }
            key = converters.key().fromConnectData(topic, headers, record.keySchema(), record.key());
            value = converters.value().fromConnectData(topic, headers, record.valueSchema(), record.value());
        } catch (RuntimeException e) {
            LOG.debug("The errant record {} cannot be converted back for the dead letter queue", record, e);
        }
        return new FailedRecord(topic, record.originalKafkaPartition(), record.originalKafkaOffset(), key, value,
            headers, record.toString());
    }
}
