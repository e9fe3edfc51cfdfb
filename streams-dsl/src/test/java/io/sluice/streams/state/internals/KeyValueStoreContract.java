package io.sluice.streams.state.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.KeyValue;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.KeyValueStore;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every key-value store promises, whatever its layers; subclasses build the store under test. */
abstract class KeyValueStoreContract {
    @TempDir
    File stateDir;
    TestStoreContext context;
    KeyValueStore<String, String> store;

    /** A typed, uninitialised store named {@code name}. */
    abstract KeyValueStore<String, String> createStore(String name);

    @BeforeEach
    void openStore() {
        context = new TestStoreContext(stateDir);
        store = createStore("kv");
        store.init(context, store);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static List<KeyValue<String, String>> drain(KeyValueIterator<String, String> iterator) {
        List<KeyValue<String, String>> entries = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entries::add);
        }
        return entries;
    }

    static List<String> keys(KeyValueIterator<String, String> iterator) {
        return drain(iterator).stream().map(entry -> entry.key).toList();
    }

    void putKeys(String... keys) {
        for (String key : keys) {
            store.put(key, "v-" + key);
        }
    }

    @Test
    void aPutValueIsReadBackAndADeleteRemovesIt() {
        store.put("a", "1");
        store.put("a", "2");
        assertThat(store.get("a")).isEqualTo("2");
        assertThat(store.delete("a")).isEqualTo("2");
        assertThat(store.get("a")).isNull();
        assertThat(store.delete("a")).isNull();
    }

    @Test
    void puttingNullDeletes() {
        store.put("a", "1");
        store.put("a", null);
        assertThat(store.get("a")).isNull();
        assertThat(keys(store.all())).isEmpty();
    }

    @Test
    void putIfAbsentWritesOnlyWhenNoValueIsPresent() {
        assertThat(store.putIfAbsent("a", "1")).isNull();
        assertThat(store.putIfAbsent("a", "2")).isEqualTo("1");
        assertThat(store.get("a")).isEqualTo("1");
    }

    @Test
    void putAllWritesEveryEntry() {
        store.putAll(List.of(KeyValue.pair("a", "1"), KeyValue.pair("b", "2")));
        assertThat(drain(store.all())).containsExactly(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"));
    }

    @Test
    void rangesFollowUnsignedByteOrderOfTheSerializedKeys() {
        // "é" is 0xC3 0xA9 in UTF-8: above "z" unsigned, below it if bytes were compared signed.
        putKeys("é", "b", "a", "z", "aa", "c");
        assertThat(keys(store.all())).containsExactly("a", "aa", "b", "c", "z", "é");
        assertThat(keys(store.reverseAll())).containsExactly("é", "z", "c", "b", "aa", "a");
        assertThat(keys(store.range("aa", "c"))).containsExactly("aa", "b", "c");
        assertThat(keys(store.reverseRange("aa", "c"))).containsExactly("c", "b", "aa");
    }

    @Test
    void nullRangeBoundsAreOpen() {
        putKeys("a", "b", "c");
        assertThat(keys(store.range(null, "b"))).containsExactly("a", "b");
        assertThat(keys(store.range("b", null))).containsExactly("b", "c");
        assertThat(keys(store.reverseRange(null, "b"))).containsExactly("b", "a");
        assertThat(keys(store.reverseRange("b", null))).containsExactly("c", "b");
        assertThat(keys(store.range(null, null))).containsExactly("a", "b", "c");
    }

    @Test
    void aRangeWithFromAboveToIsEmpty() {
        putKeys("a", "b", "c");
        assertThat(keys(store.range("c", "a"))).isEmpty();
        assertThat(keys(store.reverseRange("c", "a"))).isEmpty();
    }

    @Test
    void prefixScanReturnsKeysStartingWithThePrefixInOrder() {
        putKeys("ab", "a", "abc", "b", "aa", "abd");
        assertThat(keys(store.prefixScan("ab", new StringSerializer()))).containsExactly("ab", "abc", "abd");
        assertThat(keys(store.prefixScan("x", new StringSerializer()))).isEmpty();
    }

    @Test
    void peekNextKeyDoesNotAdvance() {
        putKeys("a", "b");
        try (KeyValueIterator<String, String> iterator = store.all()) {
            assertThat(iterator.peekNextKey()).isEqualTo("a");
            assertThat(iterator.next().key).isEqualTo("a");
            assertThat(iterator.peekNextKey()).isEqualTo("b");
        }
    }

    @Test
    void aClosedIteratorCannotBeUsed() {
        putKeys("a", "b");
        KeyValueIterator<String, String> iterator = store.all();
        iterator.close();
        assertThatThrownBy(iterator::hasNext).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closingTheStoreClosesItsOpenIterators() {
        putKeys("a", "b");
        store.flush();
        KeyValueIterator<String, String> iterator = store.all();
        store.close();
        assertThatThrownBy(iterator::hasNext).isInstanceOf(IllegalStateException.class);
        assertThat(store.isOpen()).isFalse();
    }

    @Test
    void approximateNumEntriesCountsFlushedEntries() {
        putKeys("a", "b", "c");
        store.flush();
        assertThat(store.approximateNumEntries()).isBetween(1L, 3L);
    }

    @Test
    void writesInterleavedWithFlushesAreAllVisible() {
        putKeys("a", "b");
        store.flush();
        store.put("b", "new");
        store.delete("a");
        putKeys("c");
        assertThat(drain(store.all())).containsExactly(KeyValue.pair("b", "new"), KeyValue.pair("c", "v-c"));
        store.flush();
        assertThat(drain(store.all())).containsExactly(KeyValue.pair("b", "new"), KeyValue.pair("c", "v-c"));
    }

    static KeyValueStore<String, String> typed(KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]> bytes) {
        return new TypedKeyValueStore<>(bytes, Serdes.String(), Serdes.String());
    }
}
