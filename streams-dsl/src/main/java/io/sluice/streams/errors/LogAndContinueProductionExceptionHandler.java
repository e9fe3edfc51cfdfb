package io.sluice.streams.errors;

import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Logs an output record that could not be serialized or sent and skips it (processing goes on; the input offsets
 * are committed as if it had been written), after sending the input record it came from to the dead letter queue
 * when {@code errors.dead.letter.queue.topic.name} is set.
 *
 * <p>Thread-safe once configured.
 */
public class LogAndContinueProductionExceptionHandler extends LoggingExceptionHandler
    implements ProductionExceptionHandler {
    @Override
    public void configure(Map<String, ?> configs) {
        configureDeadLetterQueue(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                Exception exception) {
        return Response.resume(logAndCollect(sending(record), "skipping it and continuing", context, exception));
    }

    @Override
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord<?, ?> record,
                                             Exception exception, SerializationExceptionOrigin origin) {
        return Response.resume(logAndCollect(serializing(record, origin), "skipping it and continuing", context,
            exception));
    }
}
