package io.sluice.streams.errors;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The built-in handlers' dead letter queue: when {@code errors.dead.letter.queue.topic.name} is set, the failed input
 * record's raw key and value go to that topic with its headers plus headers describing the failure (exception class,
 * message, stack trace, source topic, partition and offset — the names Kafka Streams uses, so existing DLQ tooling
 * reads them).
 *
 * <p>Immutable once configured.
 */
final class DeadLetterQueue {
    static final String TOPIC_CONFIG = "errors.dead.letter.queue.topic.name";
    static final String HEADER_PREFIX = "__streams.errors.";

    private final String topic;

    private DeadLetterQueue(String topic) {
        this.topic = topic;
    }

    static DeadLetterQueue from(Map<String, ?> configs) {
        Object topic = configs.get(TOPIC_CONFIG);
        return new DeadLetterQueue(topic == null || topic.toString().isBlank() ? null : topic.toString());
    }

    /** The records to send for a failure: none when no topic is configured, else the failed record. */
    List<ProducerRecord<byte[], byte[]>> recordsFor(ErrorHandlerContext context, Exception exception) {
        if (topic == null) {
            return List.of();
        }
        Headers headers = new RecordHeaders(context.headers() == null ? new RecordHeaders().toArray()
            : context.headers().toArray());
        add(headers, "exception", exception.getClass().getName());
        add(headers, "message", String.valueOf(exception.getMessage()));
        StringWriter trace = new StringWriter();
        exception.printStackTrace(new PrintWriter(trace));
        add(headers, "stacktrace", trace.toString());
        add(headers, "topic", String.valueOf(context.topic()));
        add(headers, "partition", Integer.toString(context.partition()));
        add(headers, "offset", Long.toString(context.offset()));
        return List.of(new ProducerRecord<>(topic, null, context.timestamp(), context.sourceRawKey(),
            context.sourceRawValue(), headers));
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(HEADER_PREFIX + name, value.getBytes(StandardCharsets.UTF_8));
    }
}
