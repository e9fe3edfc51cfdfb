package io.sluice.connect.runtime.errors;

import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * {@code errors.deadletterqueue.topic.name}: writes each failed record's key and value bytes to the dead letter
 * topic with its original headers and, when {@code errors.deadletterqueue.context.headers.enable} is set, Kafka
 * Connect's error-context headers ({@code __connect.errors.*}, UTF-8 strings). The topic itself is created by the
 * worker before the reporter is built.
 *
 * <p>Threading: used by its task's thread; the producer it owns is thread-safe, and {@link #report} returns the
 * send's completion so the task can wait for it before committing offsets past the failed record.
 */
public final class DeadLetterQueueReporter implements ErrorReporter {
    public static final String HEADER_PREFIX = "__connect.errors.";
    public static final String ERROR_HEADER_ORIG_TOPIC = HEADER_PREFIX + "topic";
    public static final String ERROR_HEADER_ORIG_PARTITION = HEADER_PREFIX + "partition";
    public static final String ERROR_HEADER_ORIG_OFFSET = HEADER_PREFIX + "offset";
    public static final String ERROR_HEADER_CONNECTOR_NAME = HEADER_PREFIX + "connector.name";
    public static final String ERROR_HEADER_TASK_ID = HEADER_PREFIX + "task.id";
    public static final String ERROR_HEADER_STAGE = HEADER_PREFIX + "stage";
    public static final String ERROR_HEADER_EXECUTING_CLASS = HEADER_PREFIX + "class.name";
    public static final String ERROR_HEADER_EXCEPTION = HEADER_PREFIX + "exception.class.name";
    public static final String ERROR_HEADER_EXCEPTION_MESSAGE = HEADER_PREFIX + "exception.message";
    public static final String ERROR_HEADER_EXCEPTION_STACK_TRACE = HEADER_PREFIX + "exception.stacktrace";

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final ConnectorTaskId taskId;
    private final boolean contextHeaders;

    public DeadLetterQueueReporter(Producer<byte[], byte[]> producer, String topic, ConnectorTaskId taskId,
                                   boolean contextHeaders) {
        this.producer = producer;
        this.topic = topic;
        this.taskId = taskId;
        this.contextHeaders = contextHeaders;
    }

    @Override
    public CompletableFuture<Void> report(FailedRecord record, Stage stage, Class<?> executingClass,
                                          Throwable error) {
        ProducerRecord<byte[], byte[]> dead = new ProducerRecord<>(topic, null, record.key(), record.value());
        for (Header header : record.headers()) {
            dead.headers().add(header);
        }
        if (contextHeaders) {
            addContextHeaders(dead.headers(), record, stage, executingClass, error);
        }
        CompletableFuture<Void> sent = new CompletableFuture<>();
        producer.send(dead, (metadata, sendError) -> {
            if (sendError != null) {
                sent.completeExceptionally(sendError);
            } else {
                sent.complete(null);
            }
        });
        return sent;
    }

    private void addContextHeaders(Headers headers, FailedRecord record, Stage stage, Class<?> executingClass,
                                   Throwable error) {
        headers.add(ERROR_HEADER_ORIG_TOPIC, utf8(record.topic()));
        if (record.partition() != null) {
            headers.add(ERROR_HEADER_ORIG_PARTITION, utf8(String.valueOf(record.partition())));
        }
        if (record.offset() >= 0) {
            headers.add(ERROR_HEADER_ORIG_OFFSET, utf8(String.valueOf(record.offset())));
        }
        headers.add(ERROR_HEADER_CONNECTOR_NAME, utf8(taskId.connector()));
        headers.add(ERROR_HEADER_TASK_ID, utf8(String.valueOf(taskId.task())));
        headers.add(ERROR_HEADER_STAGE, utf8(stage.name()));
        headers.add(ERROR_HEADER_EXECUTING_CLASS, utf8(executingClass.getName()));
        if (error != null) {
            headers.add(ERROR_HEADER_EXCEPTION, utf8(error.getClass().getName()));
            if (error.getMessage() != null) {
                headers.add(ERROR_HEADER_EXCEPTION_MESSAGE, utf8(error.getMessage()));
            }
            headers.add(ERROR_HEADER_EXCEPTION_STACK_TRACE, utf8(stackTrace(error)));
        }
    }

    private static byte[] utf8(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static String stackTrace(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
