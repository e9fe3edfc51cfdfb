package io.sluice.streams.state.internals;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.sluice.streams.KeyValue;
import io.sluice.streams.state.KeyValueIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.utils.Bytes;

/**
 * The write-back cache of {@link CachingWindowStore} and {@link CachingSessionStore}: entries keyed by their
 * store key ({@link WindowKeySchema}, {@link SessionKeySchema}), on Caffeine, with the design of
 * {@link CachingKeyValueStore}.
 *
 * <h2>Design</h2>
 * A put becomes a dirty entry ({@code null} values as dirty tombstones); repeated puts of a store key between
 * flushes overwrite one entry. {@link #flush()} writes the dirty entries to the {@link Below store below} in the
 * order they were last updated (as Kafka Streams does) and tells the {@link CacheFlushListener} of each, then
 * keeps them as clean entries (tombstones are dropped). Caffeine evicts by weight on the calling thread; an evicted
 * dirty entry is written below and told at once, so no write is lost. The listener is told nothing for a
 * tombstone of an entry the store below does not hold either: that changes nothing downstream (as Kafka's caching
 * window and session stores). Entries weigh as in {@link CachingKeyValueStore}; the dirty indexes share their
 * values and their node overhead is not counted. Reads from below are not cached: the aggregations read a window
 * or session just before they overwrite it.
 *
 * <p>Not shared with {@link CachingKeyValueStore} yet, which predates it and also caches reads and prefix scans.
 *
 * <h2>Reads</h2>
 * A point read sees the cached entry (a tombstone hides the key), else the store below. {@link #merge} merges a
 * sorted snapshot of the matching dirty entries with an iterator of the store below, in the store below's order:
 * store-key order for one key's entries, and for multi-key queries segment by segment (by {@code floor(segment
 * timestamp / segmentIntervalMs)}), store-key order within a segment, as {@link SegmentedBytesStore} yields them.
 * Clean entries equal the store below, so they need no merging. On equal store keys the cache wins.
 *
 * <h2>Retention</h2>
 * The cache tracks its own observed stream time (the largest segment timestamp put) and, like the store below,
 * drops puts of expired records and never returns them, whether they come from the cache or from below: between
 * flushes the store below has not seen the newest timestamps yet and would still return records the uncached
 * store would have expired. After a restart the cache's clock starts empty, so until the first put the store
 * below's own retention alone applies.
 *
 * <p>Threading: single-threaded, owned by one task. The listener must not write to the cached store.
 */
final class WriteBackCache {
    /** The store under the cache, addressed by store key. */
    interface Below {
        byte[] get(Bytes storeKey);

        /** Writes ({@code null}: deletes) the record of {@code storeKey}. */
        void put(Bytes storeKey, byte[] value);
    }

    private static final class Entry {
        final byte[] value;
        final long timestamp;
        boolean dirty;

        Entry(byte[] value, long timestamp) {
            this.value = value;
            this.timestamp = timestamp;
            this.dirty = true;
        }
    }

    private final String storeName;
    private final long retentionMs;
    private final long segmentIntervalMs;
    private final ToLongFunction<byte[]> segmentTimestampOf;
    private final Below below;
    private final LinkedHashMap<Bytes, Entry> dirtyInOrder = new LinkedHashMap<>();
    private final TreeMap<Bytes, Entry> dirtySorted = new TreeMap<>();
    private final Cache<Bytes, Entry> cache;
    private CacheFlushListener<Bytes, byte[]> listener;
    private boolean sendOldValues;
    private long observedStreamTime = -1;

    /**
     * @param segmentTimestampOf the timestamp segments and retention go by, read from a store key: the window
     *                           start, or the session end
     */
    WriteBackCache(String storeName, long maxBytes, long retentionMs, long segmentIntervalMs,
                   ToLongFunction<byte[]> segmentTimestampOf, Below below) {
        this.storeName = storeName;
        this.retentionMs = retentionMs;
        this.segmentIntervalMs = segmentIntervalMs;
        this.segmentTimestampOf = segmentTimestampOf;
        this.below = below;
        this.cache = Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((Bytes key, Entry entry) -> weight(key, entry))
            .executor(Runnable::run)
            .evictionListener((Bytes key, Entry entry, RemovalCause cause) -> {
                if (key != null && entry != null && entry.dirty) {
                    writeBelow(key, entry);
                }
            })
            .build();
    }

    private static int weight(Bytes key, Entry entry) {
        long bytes = (long) key.get().length + (entry.value == null ? 0 : entry.value.length)
            + CachingKeyValueStore.ENTRY_OVERHEAD_BYTES;
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** Keys of flushed entries are store keys; {@code oldValue} is {@code null} unless {@code sendOldValues}. */
    void setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
        this.listener = listener;
        this.sendOldValues = sendOldValues;
    }

    /** Bytes the cache holds now, by its weigher. */
    long cachedBytes() {
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    private long minLiveTimestamp() {
        return observedStreamTime - retentionMs + 1;
    }

    /** Caches a put of {@code storeKey} made while processing a record at {@code recordTimestamp}. */
    void put(Bytes storeKey, byte[] value, long recordTimestamp) {
        long segmentTimestamp = segmentTimestampOf.applyAsLong(storeKey.get());
        observedStreamTime = Math.max(observedStreamTime, segmentTimestamp);
        if (segmentTimestamp < minLiveTimestamp()) {
            return; // expired: the store below would drop it too
        }
        Entry entry = new Entry(value, recordTimestamp);
        // Index first: if Caffeine evicts the new entry at once, the listener finds and flushes it.
        dirtyInOrder.remove(storeKey);
        dirtyInOrder.put(storeKey, entry);
        dirtySorted.put(storeKey, entry);
        cache.put(storeKey, entry);
        cache.cleanUp();
    }

    /** The live value of {@code storeKey}: the cached one if any (a tombstone gives {@code null}), else below's. */
    byte[] get(Bytes storeKey) {
        if (segmentTimestampOf.applyAsLong(storeKey.get()) < minLiveTimestamp()) {
            return null;
        }
        Entry entry = cache.getIfPresent(storeKey);
        return entry != null ? entry.value : below.get(storeKey);
    }

    /** Writes one dirty entry below and tells the listener; the entry becomes clean. */
    private void writeBelow(Bytes storeKey, Entry entry) {
        if (dirtyInOrder.get(storeKey) == entry) {
            dirtyInOrder.remove(storeKey);
            dirtySorted.remove(storeKey);
        }
        entry.dirty = false;
        // A tombstone needs the old value even when old values are not wanted: to know whether it deletes anything.
        byte[] old = listener != null && (sendOldValues || entry.value == null) ? below.get(storeKey) : null;
        below.put(storeKey, entry.value);
        if (listener != null && (entry.value != null || old != null)) {
            listener.apply(storeKey, entry.value, sendOldValues ? old : null, entry.timestamp);
        }
    }

    /** Writes every dirty entry below, in the order of their last updates, telling the listener. */
    void flush() {
        for (Map.Entry<Bytes, Entry> dirty : new ArrayList<>(dirtyInOrder.entrySet())) {
            writeBelow(dirty.getKey(), dirty.getValue());
            if (dirty.getValue().value == null) {
                cache.invalidate(dirty.getKey());
            }
        }
    }

    /** Forgets every entry, dirty or not, without writing anything below. */
    void clear() {
        dirtyInOrder.clear();
        dirtySorted.clear();
        cache.invalidateAll();
    }

    /**
     * Merges the dirty entries with store keys in {@code [lower, upper]} ({@code null}: open) that {@code matches}
     * accepts into {@code belowIterator}, the same query's result from the store below.
     *
     * @param keyOf         the query's result key of a cached store key
     * @param storeKeyOf    the store key of a result key of the store below
     * @param segmentOrder  whether results come segment by segment (multi-key queries) rather than in store-key
     *                      order (one key's queries)
     * @param forward       whether ascending
     */
    <K> KeyValueIterator<K, byte[]> merge(Bytes lower, Bytes upper, Predicate<byte[]> matches,
                                          Function<byte[], K> keyOf, KeyValueIterator<K, byte[]> belowIterator,
                                          Function<K, Bytes> storeKeyOf, boolean segmentOrder, boolean forward) {
        long minLive = minLiveTimestamp();
        Comparator<Bytes> order = segmentOrder
            ? Comparator.<Bytes>comparingLong(key -> Math.floorDiv(segmentTimestampOf.applyAsLong(key.get()),
                segmentIntervalMs)).thenComparing(Comparator.naturalOrder())
            : Comparator.naturalOrder();
        if (!forward) {
            order = order.reversed();
        }
        // Copied out of the TreeMap: its nodes may change when the map changes under an open iterator.
        List<KeyValue<Bytes, Entry>> snapshot = new ArrayList<>();
        for (Map.Entry<Bytes, Entry> e : range(lower, upper).entrySet()) {
            byte[] storeKey = e.getKey().get();
            if (segmentTimestampOf.applyAsLong(storeKey) >= minLive && matches.test(storeKey)) {
                snapshot.add(KeyValue.pair(e.getKey(), e.getValue()));
            }
        }
        Comparator<Bytes> keyOrder = order;
        snapshot.sort((a, b) -> keyOrder.compare(a.key, b.key));
        return new MergeIterator<>(snapshot.iterator(), keyOf, belowIterator, storeKeyOf, order, minLive);
    }

    private NavigableMap<Bytes, Entry> range(Bytes lower, Bytes upper) {
        if (ByteOrder.isEmptyRange(lower, upper)) {
            return new TreeMap<>();
        }
        if (lower != null && upper != null) {
            return dirtySorted.subMap(lower, true, upper, true);
        }
        if (lower != null) {
            return dirtySorted.tailMap(lower, true);
        }
        return upper != null ? dirtySorted.headMap(upper, true) : dirtySorted;
    }

    /** Merges the dirty snapshot with the store below; the cache wins on equal store keys, tombstones hide. */
    private final class MergeIterator<K> extends AbstractStoreIterator<K, byte[]> {
        private final Iterator<KeyValue<Bytes, Entry>> cached;
        private final Function<byte[], K> keyOf;
        private final KeyValueIterator<K, byte[]> belowIterator;
        private final Function<K, Bytes> storeKeyOf;
        private final Comparator<Bytes> order;
        private final long minLive;
        private KeyValue<Bytes, Entry> cachedNext;
        private KeyValue<K, byte[]> belowEntry;
        private Bytes belowKey;

        MergeIterator(Iterator<KeyValue<Bytes, Entry>> cached, Function<byte[], K> keyOf,
                      KeyValueIterator<K, byte[]> belowIterator, Function<K, Bytes> storeKeyOf,
                      Comparator<Bytes> order, long minLive) {
            super(storeName);
            this.cached = cached;
            this.keyOf = keyOf;
            this.belowIterator = belowIterator;
            this.storeKeyOf = storeKeyOf;
            this.order = order;
            this.minLive = minLive;
        }

        @Override
        protected KeyValue<K, byte[]> makeNext() {
            while (true) {
                if (cachedNext == null && cached.hasNext()) {
                    cachedNext = cached.next();
                }
                if (belowEntry == null && belowIterator.hasNext()) {
                    belowEntry = belowIterator.next();
                    belowKey = storeKeyOf.apply(belowEntry.key);
                }
                if (cachedNext == null && belowEntry == null) {
                    return null;
                }
                int cmp = cachedNext == null ? 1 : belowEntry == null ? -1 : order.compare(cachedNext.key, belowKey);
                if (cmp > 0) {
                    KeyValue<K, byte[]> taken = belowEntry;
                    boolean live = segmentTimestampOf.applyAsLong(belowKey.get()) >= minLive;
                    belowEntry = null;
                    if (live) {
                        return taken;
                    }
                    continue;
                }
                if (cmp == 0) {
                    belowEntry = null; // shadowed by the cache
                }
                KeyValue<Bytes, Entry> taken = cachedNext;
                cachedNext = null;
                if (taken.value.value != null) {
                    return KeyValue.pair(keyOf.apply(taken.key.get()), taken.value.value);
                }
            }
        }

        @Override
        protected void release() {
            belowIterator.close();
        }
    }
}
