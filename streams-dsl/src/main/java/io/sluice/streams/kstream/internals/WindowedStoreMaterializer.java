package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.EmitStrategy;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.SessionWindows;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.state.DslSessionParams;
import io.sluice.streams.state.DslWindowParams;
import io.sluice.streams.state.SessionBytesStoreSupplier;
import io.sluice.streams.state.SessionStore;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.Stores;
import io.sluice.streams.state.TimestampedWindowStore;
import io.sluice.streams.state.WindowBytesStoreSupplier;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;

/**
 * Turns a {@link Materialized} (possibly {@code null}) into the store builder of a windowed aggregation: a
 * timestamped window store (time and sliding windows) or a session store. As {@link KeyValueMaterializer}: the
 * given supplier, else one from the given store suppliers ({@link InternalStreamsBuilder#storeSuppliers}), else RocksDB; the given serdes, else the operator's; caching and
 * changelogging as asked (both on by default). The retention must cover the windows until they close.
 */
final class WindowedStoreMaterializer {
    private WindowedStoreMaterializer() {
    }

    static <K, V> StoreBuilder<TimestampedWindowStore<K, V>> windowStore(
            InternalStreamsBuilder builder, Materialized<K, V, ? extends StateStore> materialized, String prefix,
            Serde<K> keySerde, Serde<V> valueSerde, WindowSpec windows) {
        String name = storeName(builder, materialized, prefix);
        WindowBytesStoreSupplier supplier = materialized != null
            && materialized.storeSupplier() instanceof WindowBytesStoreSupplier given ? given : null;
        if (supplier == null) {
            Duration retention = Duration.ofMillis(retentionMs(materialized, name, windows.minRetentionMs(),
                windows.defaultRetentionMs(), "its window size plus the grace period"));
            Duration size = Duration.ofMillis(windows.windowLengthMs());
            supplier = builder.storeSuppliers(materialized).windowStore(new DslWindowParams(name, retention, size, false,
                EmitStrategy.onWindowUpdate(), false, true));
        }
        return configure(Stores.timestampedWindowStoreBuilder(supplier, keySerde(materialized, keySerde),
            valueSerde(materialized, valueSerde)), materialized);
    }

    static <K, V> StoreBuilder<SessionStore<K, V>> sessionStore(
            InternalStreamsBuilder builder, Materialized<K, V, ? extends StateStore> materialized, String prefix,
            Serde<K> keySerde, Serde<V> valueSerde, SessionWindows windows) {
        String name = storeName(builder, materialized, prefix);
        long minRetentionMs = windows.inactivityGap() + windows.gracePeriodMs();
        SessionBytesStoreSupplier supplier = materialized != null
            && materialized.storeSupplier() instanceof SessionBytesStoreSupplier given ? given : null;
        if (supplier == null) {
            // One more than gap + grace by default: a session stays open until stream time passes its end by more
            // than gap + grace, and the store would drop it when stream time reaches exactly that (Kafka Streams'
            // coarser RocksDB segments keep it around longer).
            Duration retention = Duration.ofMillis(retentionMs(materialized, name, minRetentionMs, minRetentionMs + 1,
                "its inactivity gap plus the grace period"));
            supplier = builder.storeSuppliers(materialized).sessionStore(new DslSessionParams(name, retention,
                EmitStrategy.onWindowUpdate()));
        }
        return configure(Stores.sessionStoreBuilder(supplier, keySerde(materialized, keySerde),
            valueSerde(materialized, valueSerde)), materialized);
    }

    private static String storeName(InternalStreamsBuilder builder, Materialized<?, ?, ?> materialized,
                                    String prefix) {
        return materialized != null && materialized.storeName() != null ? materialized.storeName()
            : builder.newStoreName(prefix);
    }

    private static long retentionMs(Materialized<?, ?, ?> materialized, String storeName, long minMs, long defaultMs,
                                    String what) {
        if (materialized == null || materialized.retention() == null) {
            return defaultMs;
        }
        long retentionMs = materialized.retention().toMillis();
        if (retentionMs < minMs) {
            throw new IllegalArgumentException("The retention period of store " + storeName + " ("
                + materialized.retention() + ") must be no smaller than " + what + " (" + Duration.ofMillis(minMs)
                + ")");
        }
        return retentionMs;
    }

    private static <K> Serde<K> keySerde(Materialized<K, ?, ?> materialized, Serde<K> operatorSerde) {
        return materialized != null && materialized.keySerdeOrNull() != null ? materialized.keySerdeOrNull()
            : operatorSerde;
    }

    private static <V> Serde<V> valueSerde(Materialized<?, V, ?> materialized, Serde<V> operatorSerde) {
        return materialized != null && materialized.valueSerdeOrNull() != null ? materialized.valueSerdeOrNull()
            : operatorSerde;
    }

    private static <T extends StateStore> StoreBuilder<T> configure(StoreBuilder<T> store,
                                                                   Materialized<?, ?, ?> materialized) {
        if (materialized == null) {
            return store.withCachingEnabled();
        }
        if (materialized.cachingEnabled()) {
            store.withCachingEnabled();
        } else {
            store.withCachingDisabled();
        }
        if (materialized.loggingEnabled()) {
            store.withLoggingEnabled(materialized.logConfig());
        } else {
            store.withLoggingDisabled();
        }
        return store;
    }
}
