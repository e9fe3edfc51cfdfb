package io.sluice.streams.errors;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Logs a record that cannot be deserialized and fails the task (the default), after sending
 * it to the dead letter queue when {@code errors.dead.letter.queue.topic.name} is set.
 *
 * <p>Thread-safe once configured.
 */
public class LogAndFailExceptionHandler extends LoggingExceptionHandler implements DeserializationExceptionHandler {
    @Override
    public void configure(Map<String, ?> configs) {
        configureDeadLetterQueue(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        return Response.fail(logAndCollect("Deserialization", "failing the task", context, exception));
    }
}
