package io.sluice.streams;

import java.util.Objects;

/**
 * A key-value pair, as in Kafka Streams: public final fields, value equality. Immutable if its key and value are.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class KeyValue<K, V> {
    public final K key;
    public final V value;

    public KeyValue(K key, V value) {
        this.key = key;
        this.value = value;
    }

    public static <K, V> KeyValue<K, V> pair(K key, V value) {
        return new KeyValue<>(key, value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyValue<?, ?> that && Objects.equals(key, that.key)
            && Objects.equals(value, that.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, value);
    }

    @Override
    public String toString() {
        return "KeyValue(" + key + ", " + value + ")";
    }
}
