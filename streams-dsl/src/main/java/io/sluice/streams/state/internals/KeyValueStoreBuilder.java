package io.sluice.streams.state.internals;

import io.sluice.streams.state.KeyValueBytesStoreSupplier;
import io.sluice.streams.state.KeyValueStore;
import java.util.Map;
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
        return new TypedKeyValueStore<>(bytesLayers(supplier, logging, logConfig, caching), keySerde, valueSerde);
    }

    /**
     * The layers below the typed one: caching (optional) → changelogging (optional) → a new store from
     * {@code supplier}. Shared with {@link TimestampedKeyValueStoreBuilder} so both build the same stack.
     */
    static KeyValueStore<Bytes, byte[]> bytesLayers(KeyValueBytesStoreSupplier supplier, boolean logging,
                                                    Map<String, String> logConfig, boolean caching) {
        KeyValueStore<Bytes, byte[]> store = supplier.get();
        if (logging) {
            store = new ChangeLoggingKeyValueBytesStore(store, logConfig);
        }
        if (caching) {
            store = new CachingKeyValueStore(store);
        }
        return store;
    }
}
