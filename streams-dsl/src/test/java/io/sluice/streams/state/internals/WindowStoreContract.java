package io.sluice.streams.state.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.KeyValue;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.Stores;
import io.sluice.streams.state.WindowStore;
import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every window store promises; retention 10 min (segments of 5 min), windows of 1 min. */
abstract class WindowStoreContract {
    static final long MINUTE = 60_000;
    @TempDir
    File stateDir;
    TestStoreContext context;
    WindowStore<String, String> store;

    abstract WindowStore<String, String> createStore(boolean retainDuplicates);

    void open(boolean retainDuplicates) {
        context = new TestStoreContext(stateDir);
        store = createStore(retainDuplicates);
        store.init(context, store);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    static <K> List<KeyValue<K, String>> drain(KeyValueIterator<K, String> iterator) {
        List<KeyValue<K, String>> entries = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entries::add);
        }
        return entries;
    }

    @Test
    void fetchByTimeRangeReturnsOneKeysWindowsInTimeOrder() {
        open(false);
        store.put("a", "3", 3 * MINUTE);
        store.put("a", "1", MINUTE);
        store.put("ab", "x", 2 * MINUTE);
        store.put("a", "2", 2 * MINUTE);
        assertThat(drain(store.fetch("a", MINUTE, 2 * MINUTE)))
            .containsExactly(KeyValue.pair(MINUTE, "1"), KeyValue.pair(2 * MINUTE, "2"));
        assertThat(drain(store.backwardFetch("a", Instant.ofEpochMilli(0), Instant.ofEpochMilli(9 * MINUTE))))
            .containsExactly(KeyValue.pair(3 * MINUTE, "3"), KeyValue.pair(2 * MINUTE, "2"), KeyValue.pair(MINUTE, "1"));
        assertThat(store.fetch("a", 2 * MINUTE)).isEqualTo("2");
        assertThat(store.fetch("a", 4 * MINUTE)).isNull();
    }

    @Test
    void aPutOverwritesTheSameWindowAndNullDeletesIt() {
        open(false);
        store.put("a", "1", MINUTE);
        store.put("a", "2", MINUTE);
        assertThat(store.fetch("a", MINUTE)).isEqualTo("2");
        store.put("a", null, MINUTE);
        assertThat(store.fetch("a", MINUTE)).isNull();
    }

    /** All in one segment, so ordered by key, then window start. */
    @Test
    void keyRangeAndFetchAllSelectByKeyAndWindowStart() {
        open(false);
        store.put("a", "a1", MINUTE);
        store.put("b", "b1", MINUTE);
        store.put("c", "c1", MINUTE);
        store.put("b", "b3", 3 * MINUTE);
        assertThat(drain(store.fetch("a", "b", 0, MINUTE))).extracting(kv -> kv.value).containsExactly("a1", "b1");
        assertThat(drain(store.fetch(null, "b", 0, 10 * MINUTE))).extracting(kv -> kv.value)
            .containsExactly("a1", "b1", "b3");
        assertThat(drain(store.fetchAll(2 * MINUTE, 3 * MINUTE))).extracting(kv -> kv.value).containsExactly("b3");
        assertThat(drain(store.all())).extracting(kv -> kv.key.key() + "@" + kv.key.window().start() + "-"
                + kv.key.window().end())
            .containsExactly("a@60000-120000", "b@60000-120000", "b@180000-240000", "c@60000-120000");
    }

    @Test
    void windowsOlderThanRetentionAreDroppedAndNeverReturned() {
        open(false);
        store.put("a", "old", 0);
        store.put("a", "mid", 6 * MINUTE);
        store.put("a", "new", 12 * MINUTE);
        assertThat(drain(store.fetch("a", 0, 20 * MINUTE))).extracting(kv -> kv.value).containsExactly("mid", "new");
        assertThat(store.fetch("a", 0)).isNull();
        store.put("a", "late", MINUTE);
        assertThat(store.fetch("a", MINUTE)).isNull();
        assertThat(drain(store.all())).extracting(kv -> kv.value).containsExactly("mid", "new");
    }

    @Test
    void duplicatesAreKeptInInsertionOrderWhenRetained() {
        open(true);
        store.put("a", "1", MINUTE);
        store.put("a", "2", MINUTE);
        store.put("a", null, MINUTE);
        assertThat(drain(store.fetch("a", MINUTE, MINUTE))).extracting(kv -> kv.value).containsExactly("1", "2");
    }


    /**
     * Writes reaching the store below at different times must not change what reads see: a cached store merges
     * the flushed windows below with those still in its cache, across segments (0-5 min and 5-10 min).
     */
    @Test
    void readsMergeFlushedAndUnflushedWindowsSegmentBySegment() {
        open(false);
        store.put("a", "a1", MINUTE);
        store.put("b", "b6", 6 * MINUTE);
        store.put("c", "c3", 3 * MINUTE);
        store.put("d", "d4", 4 * MINUTE);
        store.flush();
        store.put("a", "a7", 7 * MINUTE);
        store.put("b", "b2", 2 * MINUTE);
        store.put("a", "a1'", MINUTE);
        store.put("c", null, 3 * MINUTE);
        assertThat(drain(store.fetchAll(0, 10 * MINUTE))).extracting(kv -> kv.key.key() + "@" + kv.key.window().start()
                / MINUTE + "=" + kv.value)
            .containsExactly("a@1=a1'", "b@2=b2", "d@4=d4", "a@7=a7", "b@6=b6");
        assertThat(drain(store.fetch("a", "b", 2 * MINUTE, 7 * MINUTE))).extracting(kv -> kv.value)
            .containsExactly("b2", "a7", "b6");
        assertThat(drain(store.fetch("a", 0, 10 * MINUTE))).extracting(kv -> kv.value).containsExactly("a1'", "a7");
        assertThat(drain(store.backwardFetch("a", Instant.ofEpochMilli(0), Instant.ofEpochMilli(10 * MINUTE))))
            .extracting(kv -> kv.value).containsExactly("a7", "a1'");
        assertThat(store.fetch("c", 3 * MINUTE)).isNull();
        assertThat(drain(store.fetch("c", 0, 10 * MINUTE))).isEmpty();
        store.flush();
        assertThat(drain(store.all())).extracting(kv -> kv.value).containsExactly("a1'", "b2", "d4", "a7", "b6");
    }

    @Test
    void anExpiredWindowIsNotReturnedEvenBeforeTheStoreBelowSeesNewerOnes() {
        open(false);
        store.put("a", "old", MINUTE);
        store.flush();
        store.put("b", "new", 12 * MINUTE);
        assertThat(drain(store.all())).extracting(kv -> kv.value).containsExactly("new");
        assertThat(store.fetch("a", MINUTE)).isNull();
        assertThat(drain(store.fetch("a", 0, 20 * MINUTE))).isEmpty();
    }

    static WindowStore<String, String> built(boolean persistent, boolean logged, boolean retainDuplicates) {
        return built(persistent, logged, retainDuplicates, false);
    }

    static WindowStore<String, String> built(boolean persistent, boolean logged, boolean retainDuplicates,
                                             boolean cached) {
        var supplier = persistent
            ? Stores.persistentWindowStore("win", Duration.ofMinutes(10), Duration.ofMinutes(1), retainDuplicates)
            : Stores.inMemoryWindowStore("win", Duration.ofMinutes(10), Duration.ofMinutes(1), retainDuplicates);
        var builder = Stores.windowStoreBuilder(supplier, Serdes.String(), Serdes.String());
        if (cached) {
            builder.withCachingEnabled();
        }
        return (logged ? builder.withLoggingEnabled(Map.of()) : builder.withLoggingDisabled()).build();
    }
}

class WindowStoreContractTests {
    @Nested
    class InMemory extends WindowStoreContract {
        @Override
        WindowStore<String, String> createStore(boolean retainDuplicates) {
            return built(false, false, retainDuplicates);
        }
    }

    @Nested
    class RocksDb extends WindowStoreContract {
        @Override
        WindowStore<String, String> createStore(boolean retainDuplicates) {
            return built(true, false, retainDuplicates);
        }

        @Test
        void expiredSegmentsAreDeletedFromDisk() {
            open(false);
            store.put("a", "old", 0);
            store.put("a", "new", 30 * MINUTE);
            assertThat(new File(stateDir, "win").list()).containsExactly("win." + 30 * MINUTE);
        }

        @Test
        void windowsSurviveCloseAndReopen() {
            open(false);
            store.put("a", "1", MINUTE);
            store.close();
            store = createStore(false);
            store.init(context, store);
            assertThat(store.fetch("a", MINUTE)).isEqualTo("1");
        }
    }

    @Nested
    class LoggedRocksDb extends WindowStoreContract {
        @Override
        WindowStore<String, String> createStore(boolean retainDuplicates) {
            return built(true, true, retainDuplicates);
        }

        @Test
        void restoringTheChangelogReproducesWindowsAndDuplicates() {
            open(true);
            store.put("a", "1", MINUTE);
            store.put("a", "2", MINUTE);
            store.put("b", "3", 2 * MINUTE);
            var changelog = List.copyOf(context.changelogs.get("win"));
            store.close();
            context = new TestStoreContext(new File(stateDir, "other"));
            store = createStore(true);
            store.init(context, store);
            context.restore("win", changelog);
            assertThat(drain(store.all())).extracting(kv -> kv.key.key() + "=" + kv.value)
                .containsExactly("a=1", "a=2", "b=3");
            store.put("a", "4", MINUTE);
            assertThat(drain(store.fetch("a", MINUTE, MINUTE))).extracting(kv -> kv.value)
                .containsExactly("1", "2", "4");
        }
    }

    @Nested
    class LoggedInMemory extends WindowStoreContract {
        @Override
        WindowStore<String, String> createStore(boolean retainDuplicates) {
            return built(false, true, retainDuplicates);
        }
    }

    @Nested
    class CachedInMemory extends WindowStoreContract {
        @Override
        WindowStore<String, String> createStore(boolean retainDuplicates) {
            return built(false, false, retainDuplicates, true);
        }
    }

    /** A cache of a few hundred bytes: most writes are evicted to RocksDB at once, in the middle of the reads. */
    @Nested
    class CachedRocksDbWithATinyCache extends WindowStoreContract {
        @Override
        WindowStore<String, String> createStore(boolean retainDuplicates) {
            context.configs.put(StoreCacheConfig.CACHE_MAX_BYTES.name(), 200L);
            return built(true, false, retainDuplicates, true);
        }
    }

    @Nested
    class CachedLoggedRocksDb extends WindowStoreContract {
        @Override
        WindowStore<String, String> createStore(boolean retainDuplicates) {
            return built(true, true, retainDuplicates, true);
        }

        @Test
        void theChangelogGetsTheLastValueOfEachWindowOnFlushAndRestoresIt() {
            open(false);
            store.put("a", "1", MINUTE);
            store.put("a", "2", MINUTE);
            store.put("b", "3", 2 * MINUTE);
            store.put("b", null, 2 * MINUTE);
            assertThat(context.changelogs.getOrDefault("win", List.of())).isEmpty();
            store.flush();
            var changelog = List.copyOf(context.changelogs.get("win"));
            assertThat(changelog).extracting(r -> r.value == null ? null : new String(r.value))
                .containsExactly("2", null);
            store.close();
            context = new TestStoreContext(new File(stateDir, "other"));
            store = createStore(false);
            store.init(context, store);
            context.restore("win", changelog);
            assertThat(drain(store.all())).extracting(kv -> kv.key.key() + "=" + kv.value).containsExactly("a=2");
        }

        @Test
        void aStoreRetainingDuplicatesIsBuiltWithoutACache() {
            open(true);
            store.put("a", "1", MINUTE);
            assertThat(context.changelogs.get("win")).hasSize(1);
        }
    }

    @Nested
    class CachedLoggedInMemory extends WindowStoreContract {
        @Override
        WindowStore<String, String> createStore(boolean retainDuplicates) {
            return built(false, true, retainDuplicates, true);
        }
    }
}
