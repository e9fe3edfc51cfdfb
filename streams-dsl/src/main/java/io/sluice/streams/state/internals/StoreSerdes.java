package io.sluice.streams.state.internals;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/** The key and value serdes of a typed store, bound to the changelog topic name used as serde "topic". */
final class StoreSerdes<K, V> {
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private String topic;

    StoreSerdes(Serde<K> keySerde, Serde<V> valueSerde) {
        this.keySerde = java.util.Objects.requireNonNull(keySerde, "keySerde");
        this.valueSerde = java.util.Objects.requireNonNull(valueSerde, "valueSerde");
    }

    void init(String applicationId, String storeName) {
        topic = applicationId + "-" + storeName + "-changelog";
    }

    Bytes rawKey(K key) {
        if (key == null) {
            throw new NullPointerException("Store keys must not be null");
        }
        return Bytes.wrap(keySerde.serializer().serialize(topic, key));
    }

    Bytes rawKeyOrNull(K key) {
        return key == null ? null : rawKey(key);
    }

    byte[] rawValue(V value) {
        return value == null ? null : valueSerde.serializer().serialize(topic, value);
    }

    K key(Bytes raw) {
        return raw == null ? null : keySerde.deserializer().deserialize(topic, raw.get());
    }

    V value(byte[] raw) {
        return raw == null ? null : valueSerde.deserializer().deserialize(topic, raw);
    }
}
