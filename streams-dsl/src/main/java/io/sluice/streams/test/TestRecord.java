package io.sluice.streams.test;

import java.time.Instant;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record piped into or read from a test topic: key, value, headers and an optional record time. Immutable
 * except for the headers object.
 */
public class TestRecord<K, V> {
    private final K key;
    private final V value;
    private final Headers headers;
    private final Instant recordTime;

    public TestRecord(K key, V value, Headers headers, Instant recordTime) {
        this.key = key;
        this.value = value;
        this.headers = headers == null ? new RecordHeaders() : new RecordHeaders(headers.toArray());
        this.recordTime = recordTime;
    }

    /** @param timestampMs epoch millis, or {@code null} for "the input topic's current time" */
    public TestRecord(K key, V value, Headers headers, Long timestampMs) {
        this(key, value, headers, timestampMs == null ? null : toInstant(timestampMs));
    }

    public TestRecord(K key, V value, Instant recordTime) {
        this(key, value, null, recordTime);
    }

    public TestRecord(K key, V value, Headers headers) {
        this(key, value, headers, (Instant) null);
    }

    public TestRecord(K key, V value) {
        this(key, value, null, (Instant) null);
    }

    public TestRecord(V value) {
        this(null, value);
    }

    public TestRecord(ConsumerRecord<K, V> record) {
        this(record.key(), record.value(), record.headers(), record.timestamp());
    }

    public TestRecord(ProducerRecord<K, V> record) {
        this(record.key(), record.value(), record.headers(), record.timestamp());
    }

    private static Instant toInstant(long timestampMs) {
        if (timestampMs < 0) {
            throw new IllegalArgumentException("a record time must not be negative, got " + timestampMs);
        }
        return Instant.ofEpochMilli(timestampMs);
    }

    public K key() {
        return key;
    }

    public V value() {
        return value;
    }

    public Headers headers() {
        return headers;
    }

    /** Epoch millis, or {@code null} when not set. */
    public Long timestamp() {
        return recordTime == null ? null : recordTime.toEpochMilli();
    }

    public K getKey() {
        return key;
    }

    public V getValue() {
        return value;
    }

    public Headers getHeaders() {
        return headers;
    }

    public Instant getRecordTime() {
        return recordTime;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestRecord<?, ?> other && Objects.equals(key, other.key)
            && Objects.equals(value, other.value) && Objects.equals(headers, other.headers)
            && Objects.equals(recordTime, other.recordTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, headers, recordTime);
    }

    @Override
    public String toString() {
        return "TestRecord[key=" + key + ", value=" + value + ", headers=" + headers + ", recordTime=" + recordTime
            + "]";
    }
}
