package io.sluice.streams.errors;

import io.sluice.streams.processor.api.Record;
import java.util.Map;

/**
 * Logs a record a processor threw on and skips it, after sending it to
 * the dead letter queue when {@code errors.dead.letter.queue.topic.name} is set.
 *
 * <p>Thread-safe once configured.
 */
public class LogAndContinueProcessingExceptionHandler extends LoggingExceptionHandler
    implements ProcessingExceptionHandler {
    @Override
    public void configure(Map<String, ?> configs) {
        configureDeadLetterQueue(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return Response.resume(logAndCollect("Processing", "skipping the record and continuing", context, exception));
    }
}
