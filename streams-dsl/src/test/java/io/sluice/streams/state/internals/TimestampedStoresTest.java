package io.sluice.streams.state.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.state.KeyValueBytesStoreSupplier;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.ReadOnlyKeyValueStore;
import io.sluice.streams.state.ReadOnlyWindowStore;
import io.sluice.streams.state.Stores;
import io.sluice.streams.state.TimestampedKeyValueStore;
import io.sluice.streams.state.TimestampedWindowStore;
import io.sluice.streams.state.ValueAndTimestamp;
import io.sluice.streams.state.WindowBytesStoreSupplier;
import io.sluice.streams.state.WindowStoreIterator;
import java.io.File;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Timestamped stores built by {@link Stores}, on RocksDB and in memory, and their unwrapping facades. */
class TimestampedStoresTest {
    @TempDir
    File stateDir;

    private static KeyValueBytesStoreSupplier keyValueSupplier(boolean persistent) {
        return persistent ? Stores.persistentKeyValueStore("kv") : Stores.inMemoryKeyValueStore("kv");
    }

    private static WindowBytesStoreSupplier windowSupplier(boolean persistent) {
        Duration retention = Duration.ofMinutes(10);
        Duration size = Duration.ofMinutes(1);
        return persistent ? Stores.persistentWindowStore("win", retention, size, false)
            : Stores.inMemoryWindowStore("win", retention, size, false);
    }

    private static <K, V> List<KeyValue<K, V>> drain(KeyValueIterator<K, V> iterator) {
        List<KeyValue<K, V>> entries = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entries::add);
        }
        return entries;
    }

    @ParameterizedTest(name = "persistent={0}")
    @ValueSource(booleans = {true, false})
    void aKeyValueStoreKeepsValuesWithTimestampsAndTheFacadeUnwrapsThem(boolean persistent) {
        TestStoreContext context = new TestStoreContext(stateDir);
        TimestampedKeyValueStore<String, Long> store = Stores.timestampedKeyValueStoreBuilder(
            keyValueSupplier(persistent), Serdes.String(), Serdes.Long()).build();
        store.init(context, store);
        try {
            store.put("a", ValueAndTimestamp.make(1L, 100));
            store.put("b", ValueAndTimestamp.make(2L, 200));
            store.put("a", ValueAndTimestamp.make(3L, 300));

            assertThat(store.persistent()).isEqualTo(persistent);
            assertThat(store.get("a")).isEqualTo(ValueAndTimestamp.make(3L, 300));

            ReadOnlyKeyValueStore<String, Long> facade = new ReadOnlyKeyValueStoreFacade<>(store);
            assertThat(facade.get("a")).isEqualTo(3L);
            assertThat(facade.get("missing")).isNull();
            assertThat(drain(facade.all())).containsExactly(KeyValue.pair("a", 3L), KeyValue.pair("b", 2L));
            assertThat(drain(facade.range("b", "z"))).containsExactly(KeyValue.pair("b", 2L));
        } finally {
            store.close();
        }
    }

    @ParameterizedTest(name = "persistent={0}")
    @ValueSource(booleans = {true, false})
    void theChangelogCarriesTheTimestampBeforeTheValue(boolean persistent) {
        TestStoreContext context = new TestStoreContext(stateDir);
        TimestampedKeyValueStore<String, Long> store = Stores.timestampedKeyValueStoreBuilder(
            keyValueSupplier(persistent), Serdes.String(), Serdes.Long())
            .withCachingDisabled().withLoggingEnabled(Map.of()).build();
        store.init(context, store);
        try {
            store.put("a", ValueAndTimestamp.make(7L, 1234));
            store.delete("a");

            List<KeyValue<byte[], byte[]>> changelog = context.changelogs.get("kv");
            ByteBuffer first = ByteBuffer.wrap(changelog.get(0).value);
            assertThat(first.getLong()).isEqualTo(1234);
            assertThat(first.getLong()).isEqualTo(7);
            assertThat(changelog.get(1).value).isNull();
        } finally {
            store.close();
        }
    }

    @ParameterizedTest(name = "persistent={0}")
    @ValueSource(booleans = {true, false})
    void aWindowStoreKeepsValuesWithTimestampsAndTheFacadeUnwrapsThem(boolean persistent) {
        TestStoreContext context = new TestStoreContext(stateDir);
        TimestampedWindowStore<String, Long> store = Stores.timestampedWindowStoreBuilder(
            windowSupplier(persistent), Serdes.String(), Serdes.Long()).build();
        store.init(context, store);
        try {
            store.put("a", ValueAndTimestamp.make(1L, 10), 0);
            store.put("a", ValueAndTimestamp.make(2L, 60_010), 60_000);
            store.put("b", ValueAndTimestamp.make(5L, 20), 0);

            assertThat(store.fetch("a", 60_000)).isEqualTo(ValueAndTimestamp.make(2L, 60_010));

            ReadOnlyWindowStore<String, Long> facade = new ReadOnlyWindowStoreFacade<>(store);
            assertThat(facade.fetch("a", 0)).isEqualTo(1L);
            assertThat(facade.fetch("a", 120_000)).isNull();
            try (WindowStoreIterator<Long> windows = facade.fetch("a", Instant.ofEpochMilli(0),
                Instant.ofEpochMilli(60_000))) {
                assertThat(windows).toIterable().containsExactly(KeyValue.pair(0L, 1L), KeyValue.pair(60_000L, 2L));
            }
            assertThat(drain(facade.fetchAll(Instant.ofEpochMilli(0), Instant.ofEpochMilli(0))))
                .extracting(entry -> entry.key.key(), entry -> entry.value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a", 1L),
                    org.assertj.core.groups.Tuple.tuple("b", 5L));
            List<KeyValue<Windowed<String>, Long>> all = drain(facade.all());
            assertThat(all).hasSize(3);
        } finally {
            store.close();
        }
    }
}
