package io.sluice.streams.state.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.KeyValue;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingKeyValueStoreTest {
    @TempDir
    File stateDir;
    final List<String> forwarded = new ArrayList<>();
    final List<String> logged = new ArrayList<>();

    CachingKeyValueStore cachedLoggedStore(long maxBytes) {
        TestStoreContext context = new TestStoreContext(stateDir);
        CachingKeyValueStore store = new CachingKeyValueStore(
            new ChangeLoggingKeyValueBytesStore(new InMemoryKeyValueStore("kv"), java.util.Map.of()), maxBytes);
        store.init(context, store);
        store.setFlushListener((key, newValue, oldValue, ts) -> forwarded.add(text(key.get()) + "=" + text(newValue)
            + " (was " + text(oldValue) + ")"), true);
        this.context = context;
        return store;
    }

    TestStoreContext context;

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    static Bytes key(String key) {
        return Bytes.wrap(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static byte[] value(String value) {
        return value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    List<String> changelog() {
        for (KeyValue<byte[], byte[]> record : context.changelogs.get("kv")) {
            logged.add(text(record.key) + "=" + text(record.value));
        }
        return logged;
    }

    @Test
    void repeatedUpdatesBetweenFlushesReachDownstreamOnceWithTheLastValue() {
        CachingKeyValueStore store = cachedLoggedStore(1 << 20);
        store.put(key("a"), value("1"));
        store.put(key("a"), value("2"));
        store.put(key("b"), value("x"));
        store.put(key("a"), value("3"));
        assertThat(forwarded).isEmpty();
        assertThat(store.get(key("a"))).isEqualTo(value("3"));
        store.flush();
        // Flushed in the order keys were last updated, as Kafka Streams does.
        assertThat(forwarded).containsExactly("b=x (was null)", "a=3 (was null)");
        assertThat(changelog()).containsExactly("b=x", "a=3");
        store.put(key("a"), value("4"));
        store.delete(key("b"));
        store.flush();
        assertThat(forwarded).containsSubsequence("a=4 (was 3)", "b=null (was x)");
        store.close();
    }

    @Test
    void flushingAKeyTheCacheHeldForwardsTheOldValueWithoutReadingBelow() {
        int[] readsBelow = {0};
        TestStoreContext storeContext = new TestStoreContext(stateDir);
        CachingKeyValueStore store = new CachingKeyValueStore(
            new WrappedKeyValueStore(new InMemoryKeyValueStore("kv")) {
                @Override
                public byte[] get(Bytes key) {
                    readsBelow[0]++;
                    return super.get(key);
                }
            }, 1 << 20);
        store.init(storeContext, store);
        store.setFlushListener((key, newValue, oldValue, ts) -> forwarded.add(text(key.get()) + "=" + text(newValue)
            + " (was " + text(oldValue) + ")"), true);

        store.put(key("a"), value("1"));
        store.flush();
        int readsForANewKey = readsBelow[0];
        store.put(key("a"), value("2"));
        store.put(key("a"), value("3"));
        store.flush();
        store.delete(key("a"));
        store.flush();

        assertThat(forwarded).containsExactly("a=1 (was null)", "a=3 (was 1)", "a=null (was 3)");
        assertThat(readsForANewKey).isEqualTo(1);
        assertThat(readsBelow[0]).isEqualTo(readsForANewKey);
        store.close();
    }

    @Test
    void evictionWritesDirtyEntriesBelowAndForwardsThem() {
        CachingKeyValueStore store = cachedLoggedStore(3 * (CachingKeyValueStore.ENTRY_OVERHEAD_BYTES + 10));
        for (int i = 0; i < 20; i++) {
            store.put(key("key-" + i), value("value-" + i));
        }
        assertThat(forwarded).isNotEmpty();
        assertThat(store.cachedBytes()).isLessThanOrEqualTo(3 * (CachingKeyValueStore.ENTRY_OVERHEAD_BYTES + 10));
        for (int i = 0; i < 20; i++) {
            assertThat(store.get(key("key-" + i))).isEqualTo(value("value-" + i));
        }
        store.flush();
        assertThat(forwarded).hasSize(20);
        store.close();
    }

    @Test
    void theCacheNeverHoldsMoreBytesThanItsBound() {
        long bound = 1_000;
        CachingKeyValueStore store = cachedLoggedStore(bound);
        for (int i = 0; i < 500; i++) {
            store.put(key("k" + (i % 37)), new byte[i % 97]);
            store.get(key("k" + (i % 11)));
            assertThat(store.cachedBytes()).isLessThanOrEqualTo(bound);
        }
        store.close();
    }

    @Test
    void forwardingEmitsWithoutWritingBelowAndTheNextFlushWritesOnlyTheLatestValues() {
        CachingKeyValueStore store = cachedLoggedStore(1 << 20);
        store.put(key("a"), value("1"));
        store.put(key("b"), value("x"));
        store.forwardCache();
        store.put(key("a"), value("2"));
        store.delete(key("b"));
        store.forwardCache();
        store.forwardCache(); // nothing new: nothing forwarded again

        assertThat(forwarded).containsExactly("a=1 (was null)", "b=x (was null)", "a=2 (was 1)",
            "b=null (was x)");
        assertThat(changelog()).isEmpty();
        // Reads and scans see the forwarded but unwritten values; the unwritten tombstone hides "b".
        assertThat(store.get(key("a"))).isEqualTo(value("2"));
        assertThat(store.get(key("b"))).isNull();
        try (var all = store.all()) {
            assertThat(all.next().key).isEqualTo(key("a"));
            assertThat(all.hasNext()).isFalse();
        }

        store.flushCache();

        assertThat(changelog()).containsExactly("a=2", "b=null");
        assertThat(forwarded).hasSize(4);
        store.close();
    }

    @Test
    void evictingAForwardedEntryWritesItBelowWithoutForwardingItAgain() {
        long bound = 3 * (CachingKeyValueStore.ENTRY_OVERHEAD_BYTES + 10);
        CachingKeyValueStore store = cachedLoggedStore(bound);
        store.put(key("first"), value("v"));
        store.forwardCache();
        for (int i = 0; i < 20; i++) {
            store.put(key("key-" + i), value("value-" + i));
            store.forwardCache();
        }

        assertThat(forwarded).hasSize(21).first().isEqualTo("first=v (was null)");
        assertThat(changelog()).contains("first=v");
        assertThat(store.get(key("first"))).isEqualTo(value("v"));
        store.close();
    }
}
