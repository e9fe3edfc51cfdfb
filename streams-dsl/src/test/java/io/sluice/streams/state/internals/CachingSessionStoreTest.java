package io.sluice.streams.state.internals;

import static io.sluice.streams.state.internals.CachingKeyValueStoreTest.key;
import static io.sluice.streams.state.internals.CachingKeyValueStoreTest.text;
import static io.sluice.streams.state.internals.CachingKeyValueStoreTest.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.kstream.internals.SessionWindow;
import io.sluice.streams.state.SessionBytesStoreSupplier;
import io.sluice.streams.state.Stores;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session cache driven directly, flushed only when a test says so, with merges as the aggregation makes them. */
class CachingSessionStoreTest {
    @TempDir
    File stateDir;
    final List<String> forwarded = new ArrayList<>();
    TestStoreContext context;

    CachingSessionStore cachedLoggedStore(long maxBytes) {
        context = new TestStoreContext(stateDir);
        SessionBytesStoreSupplier supplier = Stores.persistentSessionStore("ses", Duration.ofMinutes(10));
        CachingSessionStore store = new CachingSessionStore(new ChangeLoggingSessionBytesStore(supplier.get(),
            Map.of()), supplier.retentionPeriod(), supplier.segmentIntervalMs(), maxBytes);
        store.init(context, store);
        store.setFlushListener((key, newValue, oldValue, ts) -> forwarded.add(describe(key) + "=" + text(newValue)
            + " (was " + text(oldValue) + ")"), true);
        return store;
    }

    static Windowed<Bytes> session(String key, long start, long end) {
        return new Windowed<>(key(key), new SessionWindow(start, end));
    }

    static String describe(Windowed<Bytes> session) {
        return text(session.key().get()) + "[" + session.window().start() + "," + session.window().end() + "]";
    }

    List<String> changelog() {
        List<String> logged = new ArrayList<>();
        for (KeyValue<byte[], byte[]> record : context.changelogs.getOrDefault("ses", List.of())) {
            logged.add(text(SessionKeySchema.extractKey(record.key).get()) + "["
                + SessionKeySchema.extractStart(record.key) + "," + SessionKeySchema.extractEnd(record.key) + "]="
                + text(record.value));
        }
        return logged;
    }

    @Test
    void mergesBetweenFlushesForwardOnlyTheRemovalOfFlushedSessionsAndTheLastSession() {
        CachingSessionStore store = cachedLoggedStore(1 << 20);
        store.put(session("a", 0, 0), value("1"));
        store.flushCache();
        // Two records merge the session twice before the next commit.
        store.remove(session("a", 0, 0));
        store.put(session("a", 0, 5), value("2"));
        store.remove(session("a", 0, 5));
        store.put(session("a", 0, 8), value("3"));
        try (var sessions = store.findSessions(key("a"), 0, 100)) {
            assertThat(sessions.next().key).isEqualTo(session("a", 0, 8));
            assertThat(sessions.hasNext()).isFalse();
        }
        store.flushCache();
        assertThat(forwarded).containsExactly("a[0,0]=1 (was null)", "a[0,0]=null (was 1)", "a[0,8]=3 (was null)");
        // The session that lived only in the cache reaches the changelog as a tombstone only, as in Kafka Streams.
        assertThat(changelog()).containsExactly("a[0,0]=1", "a[0,0]=null", "a[0,5]=null", "a[0,8]=3");
        store.close();
    }

    @Test
    void removingAndPuttingASessionWithTheSameBoundsIsOneUpdate() {
        CachingSessionStore store = cachedLoggedStore(1 << 20);
        store.put(session("a", 10, 20), value("x"));
        store.flushCache();
        store.remove(session("a", 10, 20));
        store.put(session("a", 10, 20), value("y"));
        store.flushCache();
        assertThat(forwarded).containsExactly("a[10,20]=x (was null)", "a[10,20]=y (was x)");
        store.close();
    }

    @Test
    void evictionWritesDirtySessionsBelowAndForwardsThem() {
        long bound = 3 * (CachingKeyValueStore.ENTRY_OVERHEAD_BYTES + 30);
        CachingSessionStore store = cachedLoggedStore(bound);
        for (int i = 0; i < 20; i++) {
            store.put(session("key-" + i, i, i + 5), value("value-" + i));
            assertThat(store.cachedBytes()).isLessThanOrEqualTo(bound);
        }
        assertThat(forwarded).isNotEmpty();
        for (int i = 0; i < 20; i++) {
            assertThat(text(store.fetchSession(key("key-" + i), i, i + 5))).isEqualTo("value-" + i);
        }
        store.flushCache();
        assertThat(forwarded).hasSize(20);
        assertThat(changelog()).hasSize(20);
        store.close();
    }

    @Test
    void forwardingEmitsWithoutWritingBelowAndTheNextFlushWritesOnlyTheLatestValues() {
        CachingSessionStore store = cachedLoggedStore(1 << 20);
        store.put(session("a", 0, 0), value("1"));
        store.forwardCache();
        // Two records merge the session twice, each forwarded before the next.
        store.remove(session("a", 0, 0));
        store.put(session("a", 0, 5), value("2"));
        store.forwardCache();
        store.remove(session("a", 0, 5));
        store.put(session("a", 0, 8), value("3"));
        store.forwardCache();
        store.forwardCache(); // nothing new: nothing forwarded again

        // Downstream saw every session, so every removal reaches it, though the store below never held any.
        assertThat(forwarded).containsExactly("a[0,0]=1 (was null)", "a[0,0]=null (was 1)", "a[0,5]=2 (was null)",
            "a[0,5]=null (was 2)", "a[0,8]=3 (was null)");
        assertThat(changelog()).isEmpty();
        try (var sessions = store.findSessions(key("a"), 0, 100)) {
            assertThat(sessions.next().key).isEqualTo(session("a", 0, 8));
            assertThat(sessions.hasNext()).isFalse();
        }
        assertThat(store.fetchSession(key("a"), 0, 5)).isNull();

        store.flushCache();

        assertThat(changelog()).containsExactly("a[0,0]=null", "a[0,5]=null", "a[0,8]=3");
        assertThat(forwarded).hasSize(5);
        store.close();
    }

    @Test
    void evictingAForwardedSessionWritesItBelowWithoutForwardingItAgain() {
        long bound = 3 * (CachingKeyValueStore.ENTRY_OVERHEAD_BYTES + 30);
        CachingSessionStore store = cachedLoggedStore(bound);
        store.put(session("first", 0, 5), value("v"));
        store.forwardCache();
        for (int i = 0; i < 20; i++) {
            store.put(session("key-" + i, i, i + 5), value("value-" + i));
            store.forwardCache();
        }

        assertThat(forwarded).hasSize(21).first().isEqualTo("first[0,5]=v (was null)");
        assertThat(changelog()).contains("first[0,5]=v");
        assertThat(text(store.fetchSession(key("first"), 0, 5))).isEqualTo("v");
        store.close();
        assertThat(forwarded).hasSize(21);
    }
}
