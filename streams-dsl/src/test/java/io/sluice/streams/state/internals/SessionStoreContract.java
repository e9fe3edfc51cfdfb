package io.sluice.streams.state.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.kstream.internals.SessionWindow;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.SessionStore;
import io.sluice.streams.state.Stores;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every session store promises; retention 10 min. */
abstract class SessionStoreContract {
    static final long MINUTE = 60_000;
    @TempDir
    File stateDir;
    TestStoreContext context;
    SessionStore<String, String> store;

    abstract SessionStore<String, String> createStore();

    @BeforeEach
    void open() {
        context = new TestStoreContext(stateDir);
        store = createStore();
        store.init(context, store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static Windowed<String> session(String key, long start, long end) {
        return new Windowed<>(key, new SessionWindow(start, end));
    }

    static List<String> describe(KeyValueIterator<Windowed<String>, String> iterator) {
        List<String> out = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(kv -> out.add(kv.key.key() + "[" + kv.key.window().start() + ","
                + kv.key.window().end() + "]=" + kv.value));
        }
        return out;
    }

    @Test
    void findSessionsReturnsSessionsOverlappingTheQueryForMerging() {
        store.put(session("a", 0, 10), "s1");
        store.put(session("a", 20, 30), "s2");
        store.put(session("a", 50, 60), "s3");
        store.put(session("ab", 20, 30), "other");
        // A new event at 25 with a 5 ms gap merges sessions ending at >= 20 and starting at <= 30.
        assertThat(describe(store.findSessions("a", 20, 30))).containsExactly("a[20,30]=s2");
        assertThat(describe(store.findSessions("a", 10, 50))).containsExactly("a[0,10]=s1", "a[20,30]=s2",
            "a[50,60]=s3");
        assertThat(describe(store.fetch("a"))).hasSize(3);
        assertThat(store.fetchSession("a", 20, 30)).isEqualTo("s2");
        assertThat(store.fetchSession("a", 20, 31)).isNull();
    }

    @Test
    void removeAndNullPutDeleteASession() {
        store.put(session("a", 0, 10), "s1");
        store.put(session("b", 0, 10), "s2");
        store.remove(session("a", 0, 10));
        store.put(session("b", 0, 10), null);
        assertThat(describe(store.fetch("a", "b"))).isEmpty();
    }

    @Test
    void keyRangeQueriesCoverEveryKeyInTheRange() {
        store.put(session("a", 0, 10), "1");
        store.put(session("b", 5, 15), "2");
        store.put(session("c", 0, 10), "3");
        assertThat(describe(store.findSessions("a", "b", 0, 100))).containsExactly("a[0,10]=1", "b[5,15]=2");
        assertThat(describe(store.fetch(null, null))).hasSize(3);
    }

    @Test
    void sessionsEndingBeforeRetentionAreDropped() {
        store.put(session("a", 0, MINUTE), "old");
        store.put(session("a", 20 * MINUTE, 20 * MINUTE), "new");
        assertThat(describe(store.fetch("a"))).containsExactly("a[1200000,1200000]=new");
    }

    /**
     * Writes reaching the store below at different times must not change what reads see: a cached store merges
     * flushed sessions with those still in its cache, across segments (by session end: 0-5 min and 5-10 min),
     * and a removal in the cache hides a flushed session.
     */
    @Test
    void readsMergeFlushedAndUnflushedSessionsSegmentBySegment() {
        store.put(session("a", 0, MINUTE), "a1");
        store.put(session("b", 5 * MINUTE, 6 * MINUTE), "b6");
        store.put(session("c", 0, 3 * MINUTE), "c3");
        store.flush();
        store.put(session("a", 6 * MINUTE, 7 * MINUTE), "a7");
        store.put(session("b", MINUTE, 2 * MINUTE), "b2");
        store.put(session("a", 0, MINUTE), "a1'");
        // A merge: the flushed session of c is replaced by a longer one.
        store.remove(session("c", 0, 3 * MINUTE));
        store.put(session("c", 0, 4 * MINUTE), "c4");
        assertThat(describe(store.fetch(null, null))).containsExactly("a[0,60000]=a1'", "b[60000,120000]=b2",
            "c[0,240000]=c4", "a[360000,420000]=a7", "b[300000,360000]=b6");
        assertThat(describe(store.findSessions("a", 0, 10 * MINUTE))).containsExactly("a[0,60000]=a1'",
            "a[360000,420000]=a7");
        assertThat(describe(store.findSessions("c", 0, MINUTE))).containsExactly("c[0,240000]=c4");
        assertThat(store.fetchSession("c", 0, 3 * MINUTE)).isNull();
        assertThat(store.fetchSession("c", 0, 4 * MINUTE)).isEqualTo("c4");
        store.flush();
        assertThat(describe(store.findSessions("a", "c", 0, 10 * MINUTE))).containsExactly("a[0,60000]=a1'",
            "b[60000,120000]=b2", "c[0,240000]=c4", "a[360000,420000]=a7", "b[300000,360000]=b6");
    }

    @Test
    void anExpiredSessionIsNotReturnedEvenBeforeTheStoreBelowSeesNewerOnes() {
        store.put(session("a", 0, MINUTE), "old");
        store.flush();
        store.put(session("b", 12 * MINUTE, 12 * MINUTE), "new");
        assertThat(describe(store.fetch(null, null))).containsExactly("b[720000,720000]=new");
        assertThat(store.fetchSession("a", 0, MINUTE)).isNull();
    }

    static SessionStore<String, String> built(boolean persistent, boolean logged) {
        return built(persistent, logged, false);
    }

    static SessionStore<String, String> built(boolean persistent, boolean logged, boolean cached) {
        var supplier = persistent ? Stores.persistentSessionStore("ses", Duration.ofMinutes(10))
            : Stores.inMemorySessionStore("ses", Duration.ofMinutes(10));
        var builder = Stores.sessionStoreBuilder(supplier, Serdes.String(), Serdes.String());
        if (cached) {
            builder.withCachingEnabled();
        }
        return (logged ? builder.withLoggingEnabled(Map.of()) : builder.withLoggingDisabled()).build();
    }
}

class SessionStoreContractTests {
    @Nested
    class InMemory extends SessionStoreContract {
        @Override
        SessionStore<String, String> createStore() {
            return built(false, false);
        }
    }

    @Nested
    class RocksDb extends SessionStoreContract {
        @Override
        SessionStore<String, String> createStore() {
            return built(true, false);
        }

        @Test
        void sessionsSurviveCloseAndReopen() {
            store.put(session("a", 0, 10), "s1");
            store.close();
            store = createStore();
            store.init(context, store);
            assertThat(store.fetchSession("a", 0, 10)).isEqualTo("s1");
        }
    }

    @Nested
    class LoggedRocksDb extends SessionStoreContract {
        @Override
        SessionStore<String, String> createStore() {
            return built(true, true);
        }

        @Test
        void restoringTheChangelogReproducesTheSessions() {
            store.put(session("a", 0, 10), "s1");
            store.put(session("b", 5, 15), "s2");
            store.remove(session("a", 0, 10));
            var changelog = List.copyOf(context.changelogs.get("ses"));
            store.close();
            context = new TestStoreContext(new File(stateDir, "other"));
            store = createStore();
            store.init(context, store);
            context.restore("ses", changelog);
            assertThat(describe(store.fetch(null, null))).containsExactly("b[5,15]=s2");
        }
    }

    @Nested
    class LoggedInMemory extends SessionStoreContract {
        @Override
        SessionStore<String, String> createStore() {
            return built(false, true);
        }
    }

    @Nested
    class CachedInMemory extends SessionStoreContract {
        @Override
        SessionStore<String, String> createStore() {
            return built(false, false, true);
        }
    }

    /** A cache of a few hundred bytes: most writes are evicted to RocksDB at once, in the middle of the reads. */
    @Nested
    class CachedRocksDbWithATinyCache extends SessionStoreContract {
        @Override
        SessionStore<String, String> createStore() {
            context.configs.put(StoreCacheConfig.CACHE_MAX_BYTES.name(), 200L);
            return built(true, false, true);
        }
    }

    @Nested
    class CachedLoggedRocksDb extends SessionStoreContract {
        @Override
        SessionStore<String, String> createStore() {
            return built(true, true, true);
        }

        @Test
        void theChangelogGetsEachSessionsLastValueOnFlushAndRestoresIt() {
            store.put(session("a", 0, 10), "s1");
            store.put(session("a", 0, 10), "s2");
            store.put(session("b", 5, 15), "s3");
            store.remove(session("b", 5, 15));
            assertThat(context.changelogs.getOrDefault("ses", List.of())).isEmpty();
            store.flush();
            var changelog = List.copyOf(context.changelogs.get("ses"));
            assertThat(changelog).extracting(r -> r.value == null ? null : new String(r.value))
                .containsExactly("s2", null);
            store.close();
            context = new TestStoreContext(new File(stateDir, "other"));
            store = createStore();
            store.init(context, store);
            context.restore("ses", changelog);
            assertThat(describe(store.fetch(null, null))).containsExactly("a[0,10]=s2");
        }
    }

    @Nested
    class CachedLoggedInMemory extends SessionStoreContract {
        @Override
        SessionStore<String, String> createStore() {
            return built(false, true, true);
        }
    }
}
