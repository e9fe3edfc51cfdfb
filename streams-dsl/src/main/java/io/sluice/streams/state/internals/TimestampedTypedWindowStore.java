package io.sluice.streams.state.internals;

import io.sluice.streams.state.TimestampedWindowStore;
import io.sluice.streams.state.ValueAndTimestamp;
import io.sluice.streams.state.WindowStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * The serde layer of a timestamped window store: a {@link TypedWindowStore} whose value serde is a
 * {@link ValueAndTimestampSerde}. Adds nothing but the type. Single-threaded.
 */
public final class TimestampedTypedWindowStore<K, V> extends TypedWindowStore<K, ValueAndTimestamp<V>>
    implements TimestampedWindowStore<K, V> {

    public TimestampedTypedWindowStore(WindowStore<Bytes, byte[]> inner, Serde<K> keySerde, Serde<V> valueSerde) {
        super(inner, keySerde, new ValueAndTimestampSerde<>(valueSerde));
    }
}
