package io.sluice.streams.errors;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Logs an output record that could not be serialized or sent and fails the task (the default), after sending the
 * input record it came from to the dead letter queue when {@code errors.dead.letter.queue.topic.name} is set.
 *
 * <p>Thread-safe once configured.
 */
public class DefaultProductionExceptionHandler extends LoggingExceptionHandler implements ProductionExceptionHandler {
    @Override
    public void configure(Map<String, ?> configs) {
        configureDeadLetterQueue(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        return Response.fail(logAndCollect(sending(record), "failing the task", context, exception));
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord<?, ?> record,
                                             Exception exception, SerializationExceptionOrigin origin) {
        return Response.fail(logAndCollect(serializing(record, origin), "failing the task", context, exception));
    }
}
