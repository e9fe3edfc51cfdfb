package io.sluice.streams.state.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.KeyValue;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.Stores;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Runs {@link KeyValueStoreContract} against each implementation and layering. */
class KeyValueStoreContractTests {
    @Nested
    class InMemory extends KeyValueStoreContract {
        @Override
        KeyValueStore<String, String> createStore(String name) {
            return typed(new InMemoryKeyValueStore(name));
        }
    }

    @Nested
    class RocksDb extends KeyValueStoreContract {
        @Override
        KeyValueStore<String, String> createStore(String name) {
            return typed(new RocksDBStore(name));
        }

        @Test
        void writesSurviveCloseAndReopen() {
            putKeys("a", "b");
            store.delete("a");
            store.close();
            store = createStore("kv");
            store.init(context, store);
            assertThat(drain(store.all())).containsExactly(KeyValue.pair("b", "v-b"));
        }
    }

    @Nested
    class CachedInMemory extends KeyValueStoreContract {
        @Override
        KeyValueStore<String, String> createStore(String name) {
            return typed(new CachingKeyValueStore(new InMemoryKeyValueStore(name), 1 << 20));
        }
    }

    @Nested
    class CachedRocksDbWithATinyCache extends KeyValueStoreContract {
        @Override
        KeyValueStore<String, String> createStore(String name) {
            return typed(new CachingKeyValueStore(new RocksDBStore(name), 200));
        }
    }

    /** The full stack from the builder: typed, caching, changelogging, RocksDB. */
    @Nested
    class BuiltLoggedCachedRocksDb extends KeyValueStoreContract {
        @Override
        KeyValueStore<String, String> createStore(String name) {
            return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String())
                .withLoggingEnabled(Map.of()).withCachingEnabled().build();
        }

        @Test
        void restoringTheChangelogIntoAnEmptyStoreReproducesIt() {
            putKeys("a", "b", "c");
            store.put("b", "b2");
            store.delete("c");
            store.flush();
            List<KeyValue<byte[], byte[]>> changelog = List.copyOf(context.changelogs.get("kv"));
            store.close();

            TestStoreContext fresh = new TestStoreContext(new java.io.File(stateDir, "other"));
            store = createStore("kv");
            store.init(fresh, store);
            fresh.restore("kv", changelog);
            assertThat(drain(store.all())).containsExactly(KeyValue.pair("a", "v-a"), KeyValue.pair("b", "b2"));
        }
    }

    @Nested
    class BuiltLoggedInMemory extends KeyValueStoreContract {
        @Override
        KeyValueStore<String, String> createStore(String name) {
            return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), Serdes.String(), Serdes.String())
                .withCachingDisabled().build();
        }

        @Test
        void everyChangeIsLoggedWithDeletesAsTombstones() {
            store.put("a", "1");
            store.put("a", "2");
            store.delete("a");
            assertThat(context.changelogs.get("kv")).extracting(r -> new String(r.key),
                    r -> r.value == null ? null : new String(r.value))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "1"),
                    org.assertj.core.groups.Tuple.tuple("a", "2"), org.assertj.core.groups.Tuple.tuple("a", null));
        }
    }
}
