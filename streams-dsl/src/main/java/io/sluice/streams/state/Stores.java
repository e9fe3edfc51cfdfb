package io.sluice.streams.state;

import io.sluice.streams.state.internals.KeyValueStoreBuilder;
import io.sluice.streams.state.internals.SessionStoreBuilder;
import io.sluice.streams.state.internals.StoreSuppliers;
import io.sluice.streams.state.internals.TimestampedKeyValueStoreBuilder;
import io.sluice.streams.state.internals.TimestampedWindowStoreBuilder;
import io.sluice.streams.state.internals.WindowStoreBuilder;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * Factories of store suppliers and builders, named as in Kafka Streams. Persistent stores are RocksDB
 * ({@code stateDir/<name>}, memory bounded app-wide by {@code rocksdb.block.cache.bytes}); window and session
 * stores are split into time segments of {@code max(retention / 2, 60 s)}.
 */
public final class Stores {
    private Stores() {
    }

    public static KeyValueBytesStoreSupplier persistentKeyValueStore(String name) {
        return StoreSuppliers.keyValue(checkName(name), true);
    }

    public static KeyValueBytesStoreSupplier inMemoryKeyValueStore(String name) {
        return StoreSuppliers.keyValue(checkName(name), false);
    }

    public static WindowBytesStoreSupplier persistentWindowStore(String name, Duration retentionPeriod,
                                                                 Duration windowSize, boolean retainDuplicates) {
        return windowStore(name, retentionPeriod, windowSize, retainDuplicates, true);
    }

    public static WindowBytesStoreSupplier inMemoryWindowStore(String name, Duration retentionPeriod,
                                                               Duration windowSize, boolean retainDuplicates) {
        return windowStore(name, retentionPeriod, windowSize, retainDuplicates, false);
    }

    public static SessionBytesStoreSupplier persistentSessionStore(String name, Duration retentionPeriod) {
        long retentionMs = checkRetention(retentionPeriod);
        return StoreSuppliers.session(checkName(name), retentionMs, StoreSuppliers.segmentInterval(retentionMs), true);
    }

    public static SessionBytesStoreSupplier inMemorySessionStore(String name, Duration retentionPeriod) {
        long retentionMs = checkRetention(retentionPeriod);
        return StoreSuppliers.session(checkName(name), retentionMs, StoreSuppliers.segmentInterval(retentionMs),
            false);
    }

    public static <K, V> StoreBuilder<KeyValueStore<K, V>> keyValueStoreBuilder(KeyValueBytesStoreSupplier supplier,
                                                                                Serde<K> keySerde,
                                                                                Serde<V> valueSerde) {
        return new KeyValueStoreBuilder<>(Objects.requireNonNull(supplier, "supplier"), keySerde, valueSerde);
    }

    public static <K, V> StoreBuilder<WindowStore<K, V>> windowStoreBuilder(WindowBytesStoreSupplier supplier,
                                                                            Serde<K> keySerde, Serde<V> valueSerde) {
        return new WindowStoreBuilder<>(Objects.requireNonNull(supplier, "supplier"), keySerde, valueSerde);
    }

    public static <K, V> StoreBuilder<SessionStore<K, V>> sessionStoreBuilder(SessionBytesStoreSupplier supplier,
                                                                              Serde<K> keySerde,
                                                                              Serde<V> valueSerde) {
        return new SessionStoreBuilder<>(Objects.requireNonNull(supplier, "supplier"), keySerde, valueSerde);
    }

    /** A builder of key-value stores whose values carry their timestamp (stored as [8-byte timestamp][value]). */
    public static <K, V> StoreBuilder<TimestampedKeyValueStore<K, V>> timestampedKeyValueStoreBuilder(
        KeyValueBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new TimestampedKeyValueStoreBuilder<>(Objects.requireNonNull(supplier, "supplier"), keySerde,
            valueSerde);
    }

    /** A builder of window stores whose values carry their timestamp (stored as [8-byte timestamp][value]). */
    public static <K, V> StoreBuilder<TimestampedWindowStore<K, V>> timestampedWindowStoreBuilder(
        WindowBytesStoreSupplier supplier, Serde<K> keySerde, Serde<V> valueSerde) {
        return new TimestampedWindowStoreBuilder<>(Objects.requireNonNull(supplier, "supplier"), keySerde,
            valueSerde);
    }

    private static WindowBytesStoreSupplier windowStore(String name, Duration retentionPeriod, Duration windowSize,
                                                        boolean retainDuplicates, boolean persistent) {
        long retentionMs = checkRetention(retentionPeriod);
        long windowSizeMs = Objects.requireNonNull(windowSize, "windowSize").toMillis();
        // Zero is legal: a stream-stream join with a time difference of 0 buffers in windows of size 0.
        if (windowSizeMs < 0) {
            throw new IllegalArgumentException("windowSize must not be negative, was " + windowSize);
        }
        if (windowSizeMs > retentionMs) {
            throw new IllegalArgumentException("The retention period of window store " + name + " (" + retentionMs
                + " ms) must be no smaller than its window size (" + windowSizeMs + " ms)");
        }
        return StoreSuppliers.window(checkName(name), retentionMs, StoreSuppliers.segmentInterval(retentionMs),
            windowSizeMs, retainDuplicates, persistent);
    }

    private static long checkRetention(Duration retentionPeriod) {
        long retentionMs = Objects.requireNonNull(retentionPeriod, "retentionPeriod").toMillis();
        if (retentionMs < 0) {
            throw new IllegalArgumentException("retentionPeriod must not be negative, was " + retentionPeriod);
        }
        return retentionMs;
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
            throw new IllegalArgumentException("Store name must be non-empty without path separators, was '" + name
                + "'");
        }
        return name;
    }
}

