package io.sluice.streams.processor.internals;

import io.sluice.streams.errors.DeserializationExceptionHandler;
import io.sluice.streams.errors.ErrorHandlerContext;
import io.sluice.streams.errors.HandlerResponse;
import io.sluice.streams.errors.ProcessingExceptionHandler;
import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.api.Record;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A task's answer to a record that fails: asks the configured deserialization or processing exception handler,
 * sends the dead letter records it returns, and then either counts the record as dropped (the handler resumed) or
 * throws a {@link FailedProcessingException} naming the task, node, topic, partition and offset.
 *
 * <p>Threading: the task's thread. {@link #setCurrentInput} is called by the task before each input record so a
 * processing failure deep in the topology can still report the raw input it came from.
 */
final class RecordFailures {
    private final TaskId taskId;
    private final DeserializationExceptionHandler deserializationHandler;
    private final ProcessingExceptionHandler processingHandler;
    private final RecordCollector collector;
    private final TaskMetrics metrics;
    private ConsumerRecord<byte[], byte[]> currentInput;

    RecordFailures(TaskId taskId, TaskSettings settings, RecordCollector collector, TaskMetrics metrics) {
        this.taskId = taskId;
        this.deserializationHandler = settings.deserializationExceptionHandler();
        this.processingHandler = settings.processingExceptionHandler();
        this.collector = collector;
        this.metrics = metrics;
    }

    void setCurrentInput(ConsumerRecord<byte[], byte[]> raw) {
        currentInput = raw;
    }

    /** A source could not deserialize {@code raw}: resume (the record is dropped) or throw. */
    void onDeserializationError(ConsumerRecord<byte[], byte[]> raw, String sourceNode, RuntimeException error) {
        ErrorHandlerContext context = new FailedRecordContext(raw.topic(), raw.partition(), raw.offset(),
            raw.headers(), sourceNode, taskId, raw.timestamp(), raw.key(), raw.value());
        HandlerResponse<DeserializationExceptionHandler.Result> response = ask(
            () -> deserializationHandler.handleError(context, raw, error), "deserialization", context, error);
        act(response.result() == DeserializationExceptionHandler.Result.FAIL, "Deserialization", context, error);
    }

    /** Node {@code node} threw {@code error} on {@code record}: resume (the record stops at that node) or throw. */
    void onProcessingError(ProcessorNode<?, ?, ?, ?> node, Record<?, ?> record, ProcessorRecordContext recordContext,
                           RuntimeException error) {
        ConsumerRecord<byte[], byte[]> raw = currentInput;
        ErrorHandlerContext context = recordContext == null
            ? new FailedRecordContext(null, -1, -1, record.headers(), node.name(), taskId, record.timestamp(), null,
                null)
            : new FailedRecordContext(recordContext.topic(), recordContext.partition(), recordContext.offset(),
                recordContext.headers(), node.name(), taskId, record.timestamp(), raw == null ? null : raw.key(),
                raw == null ? null : raw.value());
        HandlerResponse<ProcessingExceptionHandler.Result> response = ask(
            () -> processingHandler.handleError(context, record, error), "processing", context, error);
        act(response.result() == ProcessingExceptionHandler.Result.FAIL, "Processing", context, error);
    }

    private <R extends Enum<R>> HandlerResponse<R> ask(Supplier<HandlerResponse<R>> handler, String kind,
                                                     ErrorHandlerContext context, RuntimeException error) {
        HandlerResponse<R> response;
        try {
            response = handler.get();
        } catch (RuntimeException handlerError) {
            FailedProcessingException failure = new FailedProcessingException("The " + kind + " exception handler "
                + "threw while handling " + describe(context) + ": " + handlerError, handlerError);
            failure.addSuppressed(error);
            throw failure;
        }
        if (response == null) {
            throw new FailedProcessingException("The " + kind + " exception handler returned null for "
                + describe(context), error);
        }
        for (ProducerRecord<byte[], byte[]> deadLetter : response.deadLetterQueueRecords()) {
            collector.send(deadLetter.topic(), deadLetter.partition(), deadLetter.key(), deadLetter.value(),
                deadLetter.headers(), deadLetter.timestamp() != null ? deadLetter.timestamp() : context.timestamp());
        }
        return response;
    }

    private void act(boolean fail, String what, ErrorHandlerContext context, RuntimeException error) {
        if (fail) {
            throw new FailedProcessingException(what + " failed for " + describe(context) + ": " + error, error);
        }
        metrics.recordDropped();
    }

    private static String describe(ErrorHandlerContext context) {
        return "the record at offset " + context.offset() + " of " + context.topic() + "-" + context.partition()
            + " in node " + context.processorNodeId() + " of task " + context.taskId();
    }

    /** A failure the handler chose not to resume from; travels up the topology unhandled. */
    static final class FailedProcessingException extends StreamsException {
        private static final long serialVersionUID = 1L;

        FailedProcessingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record FailedRecordContext(String topic, int partition, long offset,
                                       org.apache.kafka.common.header.Headers headers, String processorNodeId,
                                       TaskId taskId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue)
        implements ErrorHandlerContext {
    }
}
