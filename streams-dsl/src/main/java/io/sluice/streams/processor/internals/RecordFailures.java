package io.sluice.streams.processor.internals;

import io.sluice.streams.errors.DeserializationExceptionHandler;
import io.sluice.streams.errors.ErrorHandlerContext;
import io.sluice.streams.errors.HandlerResponse;
import io.sluice.streams.errors.ProcessingExceptionHandler;
import io.sluice.streams.errors.ProductionExceptionHandler;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.api.Record;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A task's answer to a record that fails: asks the configured deserialization, processing or production (for an
 * output record that cannot be serialized) exception handler, sends the dead letter records it returns, and then
 * either counts the record as dropped (the handler resumed) or throws a {@link TaskFailureException} naming the
 * task, node, topic, partition and offset. It also describes the input record being processed to the record
 * collector ({@link #outputContext}), which asks the production exception handler when a send fails.
 *
 * <p>Threading: the task's thread. {@link #setCurrentInput} is called by the task before each input record so a
 * processing failure deep in the topology can still report the raw input it came from.
 */
final class RecordFailures {
    private final TaskId taskId;
    private final DeserializationExceptionHandler deserializationHandler;
    private final ProcessingExceptionHandler processingHandler;
    private final ProductionExceptionHandler productionHandler;
    private final RecordCollector collector;
    private final TaskMetrics metrics;
    private ConsumerRecord<byte[], byte[]> currentInput;

    RecordFailures(TaskId taskId, TaskSettings settings, RecordCollector collector, TaskMetrics metrics) {
        this.taskId = taskId;
        this.deserializationHandler = settings.deserializationExceptionHandler();
        this.processingHandler = settings.processingExceptionHandler();
        this.productionHandler = settings.productionExceptionHandler();
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

    /**
     * Sink {@code sinkNode} could not serialize the {@code origin} of {@code record} (not yet serialized): resume
     * (the record is not written) or throw.
     */
    void onSerializationError(String sinkNode, ProducerRecord<?, ?> record, ProcessorRecordContext recordContext,
                              ProductionExceptionHandler.SerializationExceptionOrigin origin, RuntimeException error) {
        ErrorHandlerContext context = outputContext(sinkNode, recordContext, record.timestamp());
        HandlerResponse<ProductionExceptionHandler.Result> response = ask(
            () -> productionHandler.handleSerializationError(context, record, error, origin), "production", context,
            error);
        act(response.result() != ProductionExceptionHandler.Result.RESUME, "Serializing the " + origin + " of an "
            + "output record to topic " + record.topic(), context, error);
    }

    /**
     * The input record being processed, as the production exception handler sees it if sending what sink
     * {@code sinkNode} writes now fails: a snapshot, since the send may fail after the task moved on.
     */
    ErrorHandlerContext outputContext(String sinkNode, ProcessorRecordContext recordContext, long timestamp) {
        ConsumerRecord<byte[], byte[]> raw = currentInput;
        if (recordContext == null || recordContext.topic() == null) {
            return new FailedRecordContext(null, -1, -1, recordContext == null ? null : recordContext.headers(),
                sinkNode, taskId, timestamp, null, null);
        }
        return new FailedRecordContext(recordContext.topic(), recordContext.partition(), recordContext.offset(),
            recordContext.headers(), sinkNode, taskId, timestamp, raw == null ? null : raw.key(),
            raw == null ? null : raw.value());
    }

    private <R extends Enum<R>> HandlerResponse<R> ask(Supplier<HandlerResponse<R>> handler, String kind,
                                                     ErrorHandlerContext context, RuntimeException error) {
        HandlerResponse<R> response;
        try {
            response = handler.get();
        } catch (RuntimeException handlerError) {
            TaskFailureException failure = new TaskFailureException("The " + kind + " exception handler "
                + "threw while handling " + describe(context) + ": " + handlerError, handlerError);
            failure.addSuppressed(error);
            throw failure;
        }
        if (response == null) {
            throw new TaskFailureException("The " + kind + " exception handler returned null for "
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
            throw new TaskFailureException(what + " failed for " + describe(context) + ": " + error, error);
        }
        metrics.recordDropped();
    }

    private static String describe(ErrorHandlerContext context) {
        return "the record at offset " + context.offset() + " of " + context.topic() + "-" + context.partition()
            + " in node " + context.processorNodeId() + " of task " + context.taskId();
    }

    private record FailedRecordContext(String topic, int partition, long offset,
                                       org.apache.kafka.common.header.Headers headers, String processorNodeId,
                                       TaskId taskId, long timestamp, byte[] sourceRawKey, byte[] sourceRawValue)
        implements ErrorHandlerContext {
    }
}
