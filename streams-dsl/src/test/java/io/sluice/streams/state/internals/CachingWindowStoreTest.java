package io.sluice.streams.state.internals;

import static io.sluice.streams.state.internals.CachingKeyValueStoreTest.key;
import static io.sluice.streams.state.internals.CachingKeyValueStoreTest.text;
import static io.sluice.streams.state.internals.CachingKeyValueStoreTest.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.KeyValue;
import io.sluice.streams.state.Stores;
import io.sluice.streams.state.WindowBytesStoreSupplier;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window cache driven directly, flushed only when a test says so (the driver flushes after every record). */
class CachingWindowStoreTest {
    static final long MINUTE = 60_000;
    @TempDir
    File stateDir;
    final List<String> forwarded = new ArrayList<>();
    TestStoreContext context;

    CachingWindowStore cachedLoggedStore(long maxBytes) {
        context = new TestStoreContext(stateDir);
        WindowBytesStoreSupplier supplier = Stores.inMemoryWindowStore("win", Duration.ofMinutes(10),
            Duration.ofMinutes(1), false);
        CachingWindowStore store = new CachingWindowStore(new ChangeLoggingWindowBytesStore(supplier.get(), Map.of()),
            supplier.windowSize(), supplier.retentionPeriod(), supplier.segmentIntervalMs(), maxBytes);
        store.init(context, store);
        store.setFlushListener((key, newValue, oldValue, ts) -> forwarded.add(text(key.key().get()) + "@"
            + key.window().start() / MINUTE + "-" + key.window().end() / MINUTE + "=" + text(newValue) + " (was "
            + text(oldValue) + ") t=" + ts), true);
        return store;
    }

    List<String> changelog() {
        List<String> logged = new ArrayList<>();
        for (KeyValue<byte[], byte[]> record : context.changelogs.getOrDefault("win", List.of())) {
            logged.add(text(WindowKeySchema.extractKey(record.key).get()) + "@"
                + WindowKeySchema.extractWindowStart(record.key) / MINUTE + "=" + text(record.value));
        }
        return logged;
    }

    @Test
    void repeatedUpdatesOfAWindowReachTheChangelogAndListenerOnceOnFlush() {
        CachingWindowStore store = cachedLoggedStore(1 << 20);
        context.timestamp = 10;
        store.put(key("a"), value("1"), 0);
        context.timestamp = 20;
        store.put(key("a"), value("2"), 0);
        store.put(key("b"), value("x"), MINUTE);
        context.timestamp = 30;
        store.put(key("a"), value("3"), 0);
        assertThat(forwarded).isEmpty();
        assertThat(changelog()).isEmpty();
        assertThat(text(store.fetch(key("a"), 0))).isEqualTo("3");

        store.flushCache();
        // In the order windows were last updated, each with the timestamp of its last update.
        assertThat(forwarded).containsExactly("b@1-2=x (was null) t=20", "a@0-1=3 (was null) t=30");
        assertThat(changelog()).containsExactly("b@1=x", "a@0=3");

        store.put(key("a"), value("4"), 0);
        store.put(key("b"), null, MINUTE);
        store.flushCache();
        assertThat(forwarded).containsSubsequence("a@0-1=4 (was 3) t=30", "b@1-2=null (was x) t=30");
        store.close();
    }

    @Test
    void aDeletionOfAWindowTheStoreBelowNeverHeldIsNotForwarded() {
        CachingWindowStore store = cachedLoggedStore(1 << 20);
        store.put(key("a"), value("1"), 0);
        store.put(key("a"), null, 0);
        store.put(key("never"), null, MINUTE);
        store.flushCache();
        assertThat(forwarded).isEmpty();
        assertThat(store.fetch(key("a"), 0)).isNull();
        store.close();
    }

    @Test
    void evictionWritesDirtyWindowsBelowAndForwardsThem() {
        long bound = 3 * (CachingKeyValueStore.ENTRY_OVERHEAD_BYTES + 25);
        CachingWindowStore store = cachedLoggedStore(bound);
        for (int i = 0; i < 20; i++) {
            store.put(key("key-" + i), value("value-" + i), i * 1000L);
            assertThat(store.cachedBytes()).isLessThanOrEqualTo(bound);
        }
        assertThat(forwarded).isNotEmpty();
        for (int i = 0; i < 20; i++) {
            assertThat(text(store.fetch(key("key-" + i), i * 1000L))).isEqualTo("value-" + i);
        }
        store.flushCache();
        assertThat(forwarded).hasSize(20);
        assertThat(changelog()).hasSize(20);
        store.close();
    }

    @Test
    void aPutOfAnExpiredWindowIsDroppedAndNotForwarded() {
        CachingWindowStore store = cachedLoggedStore(1 << 20);
        store.put(key("a"), value("new"), 12 * MINUTE);
        store.put(key("a"), value("late"), MINUTE);
        assertThat(store.fetch(key("a"), MINUTE)).isNull();
        store.flushCache();
        assertThat(forwarded).containsExactly("a@12-13=new (was null) t=0");
        store.close();
    }

    @Test
    void closingFlushesWhatTheCacheHolds() {
        CachingWindowStore store = cachedLoggedStore(1 << 20);
        store.put(key("a"), value("1"), 0);
        store.close();
        assertThat(changelog()).containsExactly("a@0=1");
        assertThat(forwarded).containsExactly("a@0-1=1 (was null) t=0");
    }

    @Test
    void forwardingEmitsWithoutWritingBelowAndTheNextFlushWritesOnlyTheLatestValues() {
        CachingWindowStore store = cachedLoggedStore(1 << 20);
        context.timestamp = 10;
        store.put(key("a"), value("1"), 0);
        store.put(key("b"), value("x"), MINUTE);
        store.forwardCache();
        context.timestamp = 20;
        store.put(key("a"), value("2"), 0);
        store.put(key("b"), null, MINUTE);
        store.put(key("never"), null, 2 * MINUTE);
        store.forwardCache();
        store.forwardCache(); // nothing new: nothing forwarded again

        // Old values and deletions are judged by what downstream saw, though the store below holds nothing yet.
        assertThat(forwarded).containsExactly("a@0-1=1 (was null) t=10", "b@1-2=x (was null) t=10",
            "a@0-1=2 (was 1) t=20", "b@1-2=null (was x) t=20");
        assertThat(changelog()).isEmpty();
        assertThat(text(store.fetch(key("a"), 0))).isEqualTo("2");
        assertThat(store.fetch(key("b"), MINUTE)).isNull();
        try (var all = store.all()) {
            assertThat(all.next().key.key()).isEqualTo(key("a"));
            assertThat(all.hasNext()).isFalse();
        }

        store.flushCache();

        assertThat(changelog()).containsExactly("a@0=2", "b@1=null", "never@2=null");
        assertThat(forwarded).hasSize(4);
        store.close();
    }

    @Test
    void evictingAForwardedWindowWritesItBelowWithoutForwardingItAgain() {
        long bound = 3 * (CachingKeyValueStore.ENTRY_OVERHEAD_BYTES + 25);
        CachingWindowStore store = cachedLoggedStore(bound);
        store.put(key("first"), value("v"), 0);
        store.forwardCache();
        for (int i = 0; i < 20; i++) {
            store.put(key("key-" + i), value("value-" + i), i * 1000L);
            store.forwardCache();
        }

        assertThat(forwarded).hasSize(21).first().isEqualTo("first@0-1=v (was null) t=0");
        assertThat(changelog()).contains("first@0=v");
        assertThat(text(store.fetch(key("first"), 0))).isEqualTo("v");
        store.close();
        assertThat(forwarded).hasSize(21);
    }
}
