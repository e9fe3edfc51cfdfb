package io.sluice.streams.errors;

import io.sluice.streams.processor.api.Record;
import java.util.Map;

/**
 * Logs a record a processor threw on and fails the task (the default), after sending it to
 * the dead letter queue when {@code errors.dead.letter.queue.topic.name} is set.
 *
 * <p>Thread-safe once configured.
 */
public class LogAndFailProcessingExceptionHandler extends LoggingExceptionHandler
    implements ProcessingExceptionHandler {
    @Override
    public void configure(Map<String, ?> configs) {
        configureDeadLetterQueue(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return Response.fail(logAndCollect("Processing", "failing the task", context, exception));
    }
}
