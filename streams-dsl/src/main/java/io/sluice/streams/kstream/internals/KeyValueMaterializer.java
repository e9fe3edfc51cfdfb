package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.state.DslKeyValueParams;
import io.sluice.streams.state.KeyValueBytesStoreSupplier;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.Stores;
import io.sluice.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.common.serialization.Serde;

/**
 * Turns a {@link Materialized} (possibly {@code null}) into the key-value store builder a DSL operator uses: a
 * timestamped store (values keep the timestamp of their last update, as Kafka Streams' DSL tables do) over the
 * given supplier, else one from the given {@link io.sluice.streams.state.DslStoreSuppliers} ({@link InternalStreamsBuilder#storeSuppliers}),
 * else RocksDB; the given serdes, else the operator's, else the application's defaults (resolved by the store at
 * init); caching and changelogging as asked (both on by default). The one place DSL key-value stores are built.
 */
final class KeyValueMaterializer {
    private KeyValueMaterializer() {
    }

    static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> storeBuilder(
            InternalStreamsBuilder builder, Materialized<K, V, ? extends StateStore> materialized, String storePrefix,
            Serde<K> keySerde, Serde<V> valueSerde) {
        KeyValueBytesStoreSupplier supplier = null;
        String name = null;
        if (materialized != null) {
            if (materialized.storeSupplier() instanceof KeyValueBytesStoreSupplier given) {
                supplier = given;
            }
            name = materialized.storeName();
            if (materialized.keySerdeOrNull() != null) {
                keySerde = materialized.keySerdeOrNull();
            }
            if (materialized.valueSerdeOrNull() != null) {
                valueSerde = materialized.valueSerdeOrNull();
            }
        }
        if (supplier == null) {
            String storeName = name != null ? name : builder.newStoreName(storePrefix);
            supplier = builder.storeSuppliers(materialized).keyValueStore(new DslKeyValueParams(storeName, true));
        }
        StoreBuilder<TimestampedKeyValueStore<K, V>> store =
            Stores.timestampedKeyValueStoreBuilder(supplier, keySerde, valueSerde);
        if (materialized != null && !materialized.cachingEnabled()) {
            store.withCachingDisabled();
        }
        if (materialized != null && !materialized.loggingEnabled()) {
            store.withLoggingDisabled();
        } else if (materialized != null) {
            store.withLoggingEnabled(materialized.logConfig());
        }
        return store;
    }
}
