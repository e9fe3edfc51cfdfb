package io.sluice.streams.state.internals;

import io.sluice.streams.state.WindowBytesStoreSupplier;
import io.sluice.streams.state.WindowStore;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds typed → caching → changelogging → bytes window stores. Caching is off unless asked for (as in Kafka
 * Streams' builders; the DSL asks for it unless {@code Materialized.withCachingDisabled()}), and never applies to
 * a store retaining duplicates, whose puts of one (key, window start) must all be kept.
 */
public final class WindowStoreBuilder<K, V> extends AbstractStoreBuilder<K, V, WindowStore<K, V>> {
    private static final Logger LOG = LoggerFactory.getLogger(WindowStoreBuilder.class);
    private final WindowBytesStoreSupplier supplier;

    public WindowStoreBuilder(WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        super(supplier.name(), keySerde, valueSerde);
        this.supplier = supplier;
        this.caching = false; // Kafka Streams' window store builders cache only when asked
    }

    @Override
    public WindowStore<K, V> build() {
        return new TypedWindowStore<>(bytesLayers(supplier, caching, logging, logConfig), keySerde, valueSerde);
    }

    /**
     * The layers below the typed one: caching (optional) → changelogging (optional) → a new store from
     * {@code supplier}. Shared with {@link TimestampedWindowStoreBuilder}.
     */
    static WindowStore<Bytes, byte[]> bytesLayers(WindowBytesStoreSupplier supplier, boolean caching,
                                                  boolean logging, Map<String, String> logConfig) {
        WindowStore<Bytes, byte[]> store = supplier.get();
        if (logging) {
            store = new ChangeLoggingWindowBytesStore(store, logConfig);
        }
        if (caching && supplier.retainDuplicates()) {
            LOG.info("Window store {} retains duplicates, which a cache would merge: building it without a cache",
                supplier.name());
        } else if (caching) {
            store = new CachingWindowStore(store, supplier.windowSize(), supplier.retentionPeriod(),
                supplier.segmentIntervalMs(), -1);
        }
        return store;
    }
}
