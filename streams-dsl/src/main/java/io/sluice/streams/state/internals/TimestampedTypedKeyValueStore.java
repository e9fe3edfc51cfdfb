package io.sluice.streams.state.internals;

import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.TimestampedKeyValueStore;
import io.sluice.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * The serde layer of a timestamped key-value store: a {@link TypedKeyValueStore} whose value serde is a
 * {@link ValueAndTimestampSerde} (over the given value serde, else over the application's default one). Adds
 * nothing but the type. Single-threaded.
 */
public final class TimestampedTypedKeyValueStore<K, V> extends TypedKeyValueStore<K, ValueAndTimestamp<V>>
    implements TimestampedKeyValueStore<K, V> {

    public TimestampedTypedKeyValueStore(KeyValueStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        super(inner, new StoreSerdes<K, ValueAndTimestamp<V>>(keySerde,
            valueSerde == null ? null : new ValueAndTimestampSerde<>(valueSerde),
            TimestampedTypedKeyValueStore::wrap));
    }

    @SuppressWarnings("unchecked") // the application's default value serde is the promise for V
    private static <V> Serde<ValueAndTimestamp<V>> wrap(Serde<Object> defaultValueSerde) {
        return new ValueAndTimestampSerde<>((Serde<V>) (Serde<?>) defaultValueSerde);
    }
}
