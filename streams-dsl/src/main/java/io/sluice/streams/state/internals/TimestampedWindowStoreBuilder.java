package io.sluice.streams.state.internals;

import io.sluice.streams.state.TimestampedWindowStore;
import io.sluice.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.common.serialization.Serde;

/**
 * Builds timestamped typed → caching → changelogging → bytes window stores (the layers of
 * {@link WindowStoreBuilder}).
 */
public final class TimestampedWindowStoreBuilder<K, V>
    extends AbstractStoreBuilder<K, V, TimestampedWindowStore<K, V>> {
    private final WindowBytesStoreSupplier supplier;

    public TimestampedWindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(supplier.name(), keySerde, valueSerde);
        this.supplier = supplier;
        this.caching = false; // as WindowStoreBuilder: caching only when asked
    }

    @Override
    public TimestampedWindowStore<K, V> build() {
        return new TimestampedTypedWindowStore<>(
            WindowStoreBuilder.bytesLayers(supplier, caching, logging, logConfig), keySerde, valueSerde);
    }
}
