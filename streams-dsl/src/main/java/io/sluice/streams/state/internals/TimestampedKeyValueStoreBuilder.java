package io.sluice.streams.state.internals;

import io.sluice.streams.state.KeyValueBytesStoreSupplier;
import io.sluice.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.common.serialization.Serde;

/** Builds timestamped typed → caching → changelogging → bytes key-value stores (the layers of {@link KeyValueStoreBuilder}). */
public final class TimestampedKeyValueStoreBuilder<K, V>
    extends AbstractStoreBuilder<K, V, TimestampedKeyValueStore<K, V>> {
    private final KeyValueBytesStoreSupplier supplier;

    public TimestampedKeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde,
                                           Serde<V> valueSerde) {
        super(supplier.name(), keySerde, valueSerde);
        this.supplier = supplier;
    }

    @Override
    public TimestampedKeyValueStore<K, V> build() {
        return new TimestampedTypedKeyValueStore<>(
            KeyValueStoreBuilder.bytesLayers(supplier, logging, logConfig, caching), keySerde, valueSerde);
    }
}
