package io.sluice.streams.state.internals;

import io.sluice.streams.state.KeyValueBytesStoreSupplier;
import io.sluice.streams.state.KeyValueStore;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/** Builds typed → caching → changelogging → bytes key-value stores. */
public final class KeyValueStoreBuilder<K, V> extends AbstractStoreBuilder<K, V, KeyValueStore<K, V>> {
    private final KeyValueBytesStoreSupplier supplier;

    public KeyValueStoreBuilder(KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(supplier.name(), keySerde, valueSerde);
        this.supplier = supplier;
    }

    @Override
    public KeyValueStore<K, V> build() {
        KeyValueStore<Bytes, byte[]> store = supplier.get();
        if (logging) {
            store = new ChangeLoggingKeyValueBytesStore(store, logConfig);
        }
        if (caching) {
            store = new CachingKeyValueStore(store);
        }
        return new TypedKeyValueStore<>(store, keySerde, valueSerde);
    }
}
