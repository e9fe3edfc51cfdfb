package io.sluice.streams.state.internals;

import io.sluice.log.config.ConfigException;
import io.sluice.streams.processor.StateStoreContext;

import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * The key and value serdes of a typed store, bound to the changelog topic name used as serde "topic". A serde not
 * given to the builder is the application's default ({@code default.key.serde} / {@code default.value.serde}),
 * resolved when the store initialises.
 */
final class StoreSerdes<K, V> {
    private Serde<K> keySerde;
    private Serde<V> valueSerde;
    private final Function<Serde<Object>, Serde<V>> wrapDefaultValueSerde;
    private String topic;

    StoreSerdes(Serde<K> keySerde, Serde<V> valueSerde) {
        this(keySerde, valueSerde, null);
    }

    /**
     * Serdes whose value serde, when not given, is the application's default value serde passed through
     * {@code wrapDefaultValueSerde}: a timestamped store's default is the default serde of its plain values
     * wrapped into a {@link ValueAndTimestampSerde}.
     */
    StoreSerdes(Serde<K> keySerde, Serde<V> valueSerde, Function<Serde<Object>, Serde<V>> wrapDefaultValueSerde) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.wrapDefaultValueSerde = wrapDefaultValueSerde;
    }

    @SuppressWarnings("unchecked") // the default serde is the application's promise for untyped stores
    void init(StateStoreContext context, String storeName) {
        topic = context.applicationId() + "-" + storeName + "-changelog";
        keySerde = orDefault(keySerde, context.keySerde(), storeName, "key", "default.key.serde");
        if (valueSerde == null && wrapDefaultValueSerde != null) {
            valueSerde = wrapDefaultValueSerde.apply(
                orDefault(null, context.valueSerde(), storeName, "value", "default.value.serde"));
        }
        valueSerde = orDefault(valueSerde, context.valueSerde(), storeName, "value", "default.value.serde");
    }

    @SuppressWarnings("unchecked") // the default serde is the application's promise for untyped stores
    private static <T> Serde<T> orDefault(Serde<T> given, Serde<?> fallback, String storeName, String what,
                                          String configKey) {
        if (given != null) {
            return given;
        }
        if (fallback == null) {
            throw new ConfigException("State store '" + storeName + "' has no " + what + " serde: give one (e.g. "
                + "Materialized.with(...) or Serdes.forClass(...)) or set " + configKey);
        }
        return (Serde<T>) fallback;
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
