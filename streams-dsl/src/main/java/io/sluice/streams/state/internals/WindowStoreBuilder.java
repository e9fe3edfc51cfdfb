package io.sluice.streams.state.internals;

import io.sluice.streams.state.WindowBytesStoreSupplier;
import io.sluice.streams.state.WindowStore;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds typed → changelogging → bytes window stores. Caching of window stores is not implemented yet: a builder
 * with caching enabled builds an uncached store (logged once), so every update reaches the changelog.
 */
public final class WindowStoreBuilder<K, V> extends AbstractStoreBuilder<K, V, WindowStore<K, V>> {
    private static final Logger LOG = LoggerFactory.getLogger(WindowStoreBuilder.class);
    private final WindowBytesStoreSupplier supplier;

    public WindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(supplier.name(), keySerde, valueSerde);
        this.supplier = supplier;
        this.caching = false;
    }

    @Override
    public WindowStore<K, V> build() {
        return new TypedWindowStore<>(bytesLayers(supplier, caching, logging, logConfig), keySerde, valueSerde);
    }

    /**
     * The layers below the typed one: changelogging (optional) → a new store from {@code supplier}; caching is
     * requested but not built yet. Shared with {@link TimestampedWindowStoreBuilder}.
     */
    static WindowStore<Bytes, byte[]> bytesLayers(WindowBytesStoreSupplier supplier, boolean caching,
                                                  boolean logging, Map<String, String> logConfig) {
        if (caching) {
            LOG.info("Window store {}: caching is not supported yet; building it without a cache", supplier.name());
        }
        WindowStore<Bytes, byte[]> store = supplier.get();
        if (logging) {
            store = new ChangeLoggingWindowBytesStore(store, logConfig);
        }
        return store;
    }
}
