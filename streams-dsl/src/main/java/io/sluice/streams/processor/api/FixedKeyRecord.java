package io.sluice.streams.processor.api;

import java.util.Objects;
import org.apache.kafka.common.header.Headers;

/**
 * A record whose key a {@link FixedKeyProcessor} cannot change: it can only be derived from the record the
 * processor received, so downstream partitioning stays valid and no repartition is needed.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class FixedKeyRecord<K, V> {
    private final Record<K, V> record;

    FixedKeyRecord(Record<K, V> record) {
        this.record = record;
    }

    public K key() {
        return record.key();
    }

    public V value() {
        return record.value();
    }

    public long timestamp() {
        return record.timestamp();
    }

    public Headers headers() {
        return record.headers();
    }

    public <NewV> FixedKeyRecord<K, NewV> withValue(NewV value) {
        return new FixedKeyRecord<>(record.withValue(value));
    }

    public FixedKeyRecord<K, V> withTimestamp(long timestamp) {
        return new FixedKeyRecord<>(record.withTimestamp(timestamp));
    }

    public FixedKeyRecord<K, V> withHeaders(Headers headers) {
        return new FixedKeyRecord<>(record.withHeaders(headers));
    }

    /** The plain record with the same fields (what the runtime forwards). */
    Record<K, V> asRecord() {
        return record;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FixedKeyRecord<?, ?> other && record.equals(other.record);
    }

    @Override
    public int hashCode() {
        return Objects.hash(record);
    }

    @Override
    public String toString() {
        return "FixedKeyRecord{key=" + key() + ", value=" + value() + ", timestamp=" + timestamp() + '}';
    }
}
