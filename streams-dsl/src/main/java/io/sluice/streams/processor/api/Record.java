package io.sluice.streams.processor.api;

import java.util.Objects;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record flowing through a topology: key, value, timestamp and headers. Immutable except for the headers, which
 * are shared by every copy made with {@code withX}: a processor that changes headers for one child should
 * forward {@code withHeaders(new RecordHeaders(record.headers().toArray()))}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class Record<K, V> {
    private final K key;
    private final V value;
    private final long timestamp;
    private final Headers headers;

    /** @throws IllegalArgumentException for a negative timestamp, which the log cannot store */
    public Record(K key, V value, long timestamp, Headers headers) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("a record's timestamp must not be negative, got " + timestamp);
        }
        this.key = key;
        this.value = value;
        this.timestamp = timestamp;
        this.headers = headers == null ? new RecordHeaders() : headers;
    }

    public Record(K key, V value, long timestamp) {
        this(key, value, timestamp, null);
    }

    public K key() {
        return key;
    }

    public V value() {
        return value;
    }

    public long timestamp() {
        return timestamp;
    }

    public Headers headers() {
        return headers;
    }

    public <NewK> Record<NewK, V> withKey(NewK key) {
        return new Record<>(key, value, timestamp, headers);
    }

    public <NewV> Record<K, NewV> withValue(NewV value) {
        return new Record<>(key, value, timestamp, headers);
    }

    public Record<K, V> withTimestamp(long timestamp) {
        return new Record<>(key, value, timestamp, headers);
    }

    public Record<K, V> withHeaders(Headers headers) {
        return new Record<>(key, value, timestamp, headers);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Record<?, ?> other && timestamp == other.timestamp && Objects.equals(key, other.key)
            && Objects.equals(value, other.value) && Objects.equals(headers, other.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value, timestamp, headers);
    }

    @Override
    public String toString() {
        return "Record{key=" + key + ", value=" + value + ", timestamp=" + timestamp + ", headers=" + headers + '}';
    }
}
