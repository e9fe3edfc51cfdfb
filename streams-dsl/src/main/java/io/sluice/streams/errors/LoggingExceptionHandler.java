package io.sluice.streams.errors;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the built-in handlers share: a log line naming the failed record's topic, partition, offset, node and task,
 * and the optional dead letter queue.
 *
 * <p>Thread-safe once configured.
 */
abstract class LoggingExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingExceptionHandler.class);

    private DeadLetterQueue deadLetterQueue = DeadLetterQueue.from(Map.of());

    void configureDeadLetterQueue(Map<String, ?> configs) {
        deadLetterQueue = DeadLetterQueue.from(configs);
    }

    /** Logs the failure and returns its dead letter records. */
    List<ProducerRecord<byte[], byte[]>> logAndCollect(String what, String action, ErrorHandlerContext context,
                                                       Exception exception) {
        LOG.warn("{} failed for the record at offset {} of {}-{} in node {} of task {}; {}.", what, context.offset(),
            context.topic(), context.partition(), context.processorNodeId(), context.taskId(), action, exception);
        return deadLetterQueue.recordsFor(context, exception);
    }

    /** Names an output record whose send failed: its topic and the partition, when known. */
    static String sending(ProducerRecord<?, ?> record) {
        return "Sending an output record to topic " + record.topic() + " partition "
            + (record.partition() == null ? "(unknown)" : record.partition().toString());
    }

    /** Names an output record whose key or value failed to serialize. */
    static String serializing(ProducerRecord<?, ?> record,
                              ProductionExceptionHandler.SerializationExceptionOrigin origin) {
        return "Serializing the " + origin.name().toLowerCase(Locale.ROOT) + " of an output record to topic "
            + record.topic();
    }
}
