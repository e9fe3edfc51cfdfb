package io.sluice.streams.state.internals;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.sluice.streams.KeyValue;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;

/**
 * The write-back cache of {@link CachingKeyValueStore}, {@link CachingWindowStore} and {@link CachingSessionStore},
 * on Caffeine: entries keyed by store key (the key itself, or {@link WindowKeySchema} / {@link SessionKeySchema}).
 *
 * <h2>Design</h2>
 * A put becomes a <em>dirty</em> entry ({@code null} values as dirty tombstones); repeated puts of a store key
 * overwrite one entry, so the store below, the changelog and downstream see only the last value. An entry leaves
 * the cache's custody in two steps that usually go together: {@link #forward()} tells the {@link CacheFlushListener}
 * of every dirty entry, which becomes <em>forwarded</em> but stays unwritten (reads and scans still see it);
 * {@link #flush()} forwards what is left and writes every unwritten entry to the store below, which
 * makes it <em>clean</em> (a written tombstone is dropped: it has nothing left to hide). Eviction does both at once.
 * Both steps go in the order of the keys' last updates, as Kafka Streams does. The test driver forwards after every
 * record and writes only when a changelog may be looked at, sparing a store write per record.
 *
 * <p>The old value the listener is given is what downstream last saw for the key, not what the store below holds
 * (they differ once an entry is forwarded and not yet written): the value of the clean or forwarded entry a put
 * replaced, or what a replaced dirty entry knew; only with no cached entry before is it read below, which then
 * holds it, since nothing unwritten exists for the key either.
 *
 * <h2>Store-specific parts</h2>
 * {@link #forKeyValues}: reads from below are cached too (as clean entries), and every tombstone is forwarded.
 * {@link #forSegments} (window and session stores): reads are not cached, since the aggregations read a window or
 * session just before they overwrite it; a {@link Retention} expires entries by observed stream time; and a tombstone
 * of something downstream never saw is not forwarded (it changes nothing there, as in Kafka's caching window and
 * session stores), though it is written below like any other.
 *
 * <h2>Reads</h2>
 * A point read sees the live cached entry (a tombstone hides the key), else the store below. {@link #merge} merges a
 * sorted snapshot of the matching unwritten entries with an iterator of the same query below, in the order the
 * caller gives (the store below's); clean entries equal the store below, so they need no merging. On equal store
 * keys the cache wins; expired entries are skipped on both sides. The unwritten entries are sorted by key only
 * once a scan needs them, so a store that is never scanned never pays for sorting its writes.
 *
 * <h2>Memory</h2>
 * Bounded by {@code statestore.cache.max.bytes} (or the store's own bound), weighing each entry as key bytes + value
 * bytes + {@value #ENTRY_OVERHEAD_BYTES}. Eviction runs on the calling thread ({@code executor(Runnable::run)} and a
 * {@code cleanUp()} after every put) so the bound holds after each operation; an evicted dirty or forwarded entry is
 * forwarded if need be and written below at once, from Caffeine's eviction listener, so no write is ever lost.
 * Caffeine picks victims by W-TinyLFU and may refuse to admit a new entry; that costs only an early write. The
 * indexes of dirty and unwritten entries share their values; their node overhead is not counted.
 *
 * <p>Threading: single-threaded, owned by one task. The listener must not write to the cached store.
 */
final class WriteBackCache {
    static final int ENTRY_OVERHEAD_BYTES = 64;

    /** Which store keys are live. */
    interface Retention {
        /** Everything is live: a key-value store's. */
        Retention NONE = new Retention() {
            @Override
            public boolean admit(byte[] storeKey) {
                return true;
            }

            @Override
            public boolean isLive(byte[] storeKey) {
                return true;
            }

            @Override
            public Predicate<byte[]> liveNow() {
                return storeKey -> true;
            }
        };

        /** Takes note of a put of {@code storeKey} (which may move the clock on); whether it is live. */
        boolean admit(byte[] storeKey);

        boolean isLive(byte[] storeKey);

        /** {@link #isLive} as of now, for an iterator whose results must not depend on later puts. */
        Predicate<byte[]> liveNow();
    }

    /** Clean: equals the store below. Dirty: neither forwarded nor written. Forwarded: forwarded, not written. */
    private enum State { CLEAN, DIRTY, FORWARDED }

    private static final class Entry {
        final byte[] value;
        final long timestamp;
        State state;
        /** For a dirty entry: whether {@link #seen} holds what downstream last saw for the key. */
        final boolean seenKnown;
        final byte[] seen;

        Entry(byte[] value, long timestamp, State state, boolean seenKnown, byte[] seen) {
            this.value = value;
            this.timestamp = timestamp;
            this.state = state;
            this.seenKnown = seenKnown;
            this.seen = seen;
        }

        /** A dirty entry replacing {@code previous} (or nothing), carrying over what downstream has seen. */
        static Entry replacing(Entry previous, byte[] value, long timestamp) {
            if (previous == null) {
                return new Entry(value, timestamp, State.DIRTY, false, null);
            }
            // Clean and forwarded entries are what downstream saw last; a dirty one knows (or not) what it replaced.
            return previous.state == State.DIRTY
                ? new Entry(value, timestamp, State.DIRTY, previous.seenKnown, previous.seen)
                : new Entry(value, timestamp, State.DIRTY, true, previous.value);
        }
    }

    private final String storeName;
    private final Function<Bytes, byte[]> readBelow;
    private final BiConsumer<Bytes, byte[]> writeBelow;
    private final Retention retention;
    private final boolean cachesReads;
    private final boolean forwardsTombstonesOfNothing;
    private final InternalStoreContext timestamps;
    /**
     * Dirty entries, in the order of their keys' last update. Access-ordered, so that a put of a key already here
     * moves its node to the end in place (no node allocated per put); only {@code put} and {@code remove} touch
     * it, since a {@code get} would reorder.
     */
    private final LinkedHashMap<Bytes, Entry> toForward = new LinkedHashMap<>(16, 0.75f, true);
    /** Dirty and forwarded entries, in the order of their keys' last update; access-ordered as {@link #toForward}. */
    private final LinkedHashMap<Bytes, Entry> unwritten = new LinkedHashMap<>(16, 0.75f, true);
    /** {@link #unwritten} sorted by key; built by the first scan and kept from then on. */
    private TreeMap<Bytes, Entry> unwrittenSorted;
    private final Cache<Bytes, Entry> cache;
    private CacheFlushListener<Bytes, byte[]> listener;
    private boolean sendOldValues;

    private WriteBackCache(String storeName, StateStoreContext context, long maxBytes,
                           Function<Bytes, byte[]> readBelow, BiConsumer<Bytes, byte[]> writeBelow,
                           Retention retention, boolean cachesReads, boolean forwardsTombstonesOfNothing) {
        this.storeName = storeName;
        this.readBelow = readBelow;
        this.writeBelow = writeBelow;
        this.retention = retention;
        this.cachesReads = cachesReads;
        this.forwardsTombstonesOfNothing = forwardsTombstonesOfNothing;
        this.timestamps = context instanceof InternalStoreContext internal ? internal : null;
        this.cache = Caffeine.newBuilder()
            .maximumWeight(maxBytes >= 0 ? maxBytes : StoreCacheConfig.maxBytes(context.appConfigs()))
            .weigher((Bytes key, Entry entry) -> weight(key, entry))
            .executor(Runnable::run)
            .evictionListener((Bytes key, Entry entry, RemovalCause cause) -> {
                if (key != null && entry != null && entry.state != State.CLEAN) {
                    forwardEntry(key, entry);
                    writeEntry(key, entry);
                }
            })
            .build();
    }

    /**
     * The cache of a key-value store.
     *
     * @param maxBytes   the cache's bound, or {@code -1} for {@code statestore.cache.max.bytes} from the app config
     * @param readBelow  reads the store below by store key
     * @param writeBelow writes ({@code null}: deletes) a store key's record in the store below
     */
    static WriteBackCache forKeyValues(String storeName, StateStoreContext context, long maxBytes,
                                       Function<Bytes, byte[]> readBelow, BiConsumer<Bytes, byte[]> writeBelow) {
        return new WriteBackCache(storeName, context, maxBytes, readBelow, writeBelow, Retention.NONE, true, true);
    }

    /** The cache of a window or session store; parameters as {@link #forKeyValues}. */
    static WriteBackCache forSegments(String storeName, StateStoreContext context, long maxBytes,
                                      Function<Bytes, byte[]> readBelow, BiConsumer<Bytes, byte[]> writeBelow,
                                      Retention retention) {
        return new WriteBackCache(storeName, context, maxBytes, readBelow, writeBelow, retention, false, false);
    }

    private static int weight(Bytes key, Entry entry) {
        long bytes = (long) key.get().length + (entry.value == null ? 0 : entry.value.length) + ENTRY_OVERHEAD_BYTES;
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    /** Keys the listener gets are store keys; {@code oldValue} is {@code null} unless {@code sendOldValues}. */
    void setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
        this.listener = listener;
        this.sendOldValues = sendOldValues;
    }

    /** Bytes the cache holds now, by its weigher. */
    long cachedBytes() {
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    /** Caches a put of {@code storeKey}, stamped with the timestamp of the record being processed. */
    void put(Bytes storeKey, byte[] value) {
        if (!retention.admit(storeKey.get())) {
            return; // expired: the store below would drop it too
        }
        Entry entry = Entry.replacing(cache.policy().getIfPresentQuietly(storeKey), value,
            timestamps == null ? -1 : timestamps.recordTimestamp());
        // Index first: if Caffeine evicts the new entry at once, the listener finds and writes it.
        toForward.put(storeKey, entry);
        unwritten.put(storeKey, entry);
        if (unwrittenSorted != null) {
            unwrittenSorted.put(storeKey, entry);
        }
        cache.put(storeKey, entry);
        cache.cleanUp();
    }

    /** The live value of {@code storeKey}: the cached one if any (a tombstone gives {@code null}), else below's. */
    byte[] get(Bytes storeKey) {
        if (!retention.isLive(storeKey.get())) {
            return null;
        }
        Entry entry = cache.getIfPresent(storeKey);
        if (entry != null) {
            return entry.value;
        }
        byte[] value = readBelow.apply(storeKey);
        if (cachesReads && value != null) {
            cache.put(storeKey, new Entry(value, -1, State.CLEAN, false, null));
            cache.cleanUp();
        }
        return value;
    }

    /** Tells the listener about a dirty entry (nothing for another state); it becomes forwarded. */
    private void forwardEntry(Bytes storeKey, Entry entry) {
        if (entry.state != State.DIRTY) {
            return;
        }
        toForward.remove(storeKey, entry); // only if still this entry (identity equality)
        entry.state = State.FORWARDED;
        if (listener == null) {
            return;
        }
        // A tombstone needs what downstream saw even without old values: to know whether it deletes anything.
        boolean needsSeen = sendOldValues || (entry.value == null && !forwardsTombstonesOfNothing);
        byte[] seen = !needsSeen ? null : entry.seenKnown ? entry.seen : readBelow.apply(storeKey);
        if (entry.value != null || seen != null || forwardsTombstonesOfNothing) {
            listener.apply(storeKey, entry.value, sendOldValues ? seen : null, entry.timestamp);
        }
    }

    /** Writes a forwarded entry below; it becomes clean. */
    private void writeEntry(Bytes storeKey, Entry entry) {
        if (unwritten.remove(storeKey, entry)) { // only if still this entry (identity equality)
            if (unwrittenSorted != null) {
                unwrittenSorted.remove(storeKey);
            }
        }
        entry.state = State.CLEAN;
        writeBelow.accept(storeKey, entry.value);
    }

    /** Tells the listener about every dirty entry, in the order of their last updates, without writing them. */
    void forward() {
        if (toForward.isEmpty()) {
            return;
        }
        // Copied: a listener reading a key-value store may cache a read, which may evict (and so forward) an entry.
        for (Map.Entry<Bytes, Entry> dirty : new ArrayList<>(toForward.entrySet())) {
            forwardEntry(dirty.getKey(), dirty.getValue());
        }
    }

    /** Forwards what is left, then writes every unwritten entry below, in the order of their last updates. */
    void flush() {
        forward();
        if (unwritten.isEmpty()) {
            return;
        }
        for (Map.Entry<Bytes, Entry> pending : new ArrayList<>(unwritten.entrySet())) {
            writeEntry(pending.getKey(), pending.getValue());
            if (pending.getValue().value == null) {
                cache.invalidate(pending.getKey());
            }
        }
    }

    /** Forgets every entry, whatever its state, without forwarding or writing anything. */
    void clear() {
        toForward.clear();
        unwritten.clear();
        unwrittenSorted = null;
        cache.invalidateAll();
    }

    /**
     * Merges the unwritten entries with store keys in {@code [lower, upper]} ({@code null}: open) that {@code matches}
     * accepts into {@code belowIterator}, the same query's result from the store below.
     *
     * @param order      the order of {@code belowIterator}'s results, by store key, direction included
     * @param keyOf      the query's result key of a cached store key
     * @param storeKeyOf the store key of a result key of the store below
     */
    <K> KeyValueIterator<K, byte[]> merge(Bytes lower, Bytes upper, Predicate<byte[]> matches, Comparator<Bytes> order,
                                          KeyValueIterator<K, byte[]> belowIterator, Function<Bytes, K> keyOf,
                                          Function<K, Bytes> storeKeyOf) {
        Predicate<byte[]> live = retention.liveNow();
        // Copied out of the TreeMap: its nodes may change when the map changes under an open iterator.
        List<KeyValue<Bytes, Entry>> snapshot = new ArrayList<>();
        for (Map.Entry<Bytes, Entry> e : range(lower, upper).entrySet()) {
            byte[] storeKey = e.getKey().get();
            if (matches.test(storeKey) && live.test(storeKey)) {
                snapshot.add(KeyValue.pair(e.getKey(), e.getValue()));
            }
        }
        snapshot.sort((a, b) -> order.compare(a.key, b.key));
        return new MergeIterator<>(snapshot.iterator(), keyOf, belowIterator, storeKeyOf, order, live);
    }

    private NavigableMap<Bytes, Entry> range(Bytes lower, Bytes upper) {
        if (ByteOrder.isEmptyRange(lower, upper)) {
            return new TreeMap<>();
        }
        if (unwrittenSorted == null) {
            unwrittenSorted = new TreeMap<>(unwritten);
        }
        if (lower != null && upper != null) {
            return unwrittenSorted.subMap(lower, true, upper, true);
        }
        if (lower != null) {
            return unwrittenSorted.tailMap(lower, true);
        }
        return upper != null ? unwrittenSorted.headMap(upper, true) : unwrittenSorted;
    }

    /** Merges the unwritten snapshot with the store below; the cache wins on equal store keys, tombstones hide. */
    private final class MergeIterator<K> extends AbstractStoreIterator<K, byte[]> {
        private final Iterator<KeyValue<Bytes, Entry>> cached;
        private final Function<Bytes, K> keyOf;
        private final KeyValueIterator<K, byte[]> belowIterator;
        private final Function<K, Bytes> storeKeyOf;
        private final Comparator<Bytes> order;
        private final Predicate<byte[]> live;
        private KeyValue<Bytes, Entry> cachedNext;
        private KeyValue<K, byte[]> belowEntry;
        private Bytes belowKey;

        MergeIterator(Iterator<KeyValue<Bytes, Entry>> cached, Function<Bytes, K> keyOf,
                      KeyValueIterator<K, byte[]> belowIterator, Function<K, Bytes> storeKeyOf,
                      Comparator<Bytes> order, Predicate<byte[]> live) {
            super(storeName);
            this.cached = cached;
            this.keyOf = keyOf;
            this.belowIterator = belowIterator;
            this.storeKeyOf = storeKeyOf;
            this.order = order;
            this.live = live;
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
                    belowEntry = null;
                    if (live.test(belowKey.get())) {
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
                    return KeyValue.pair(keyOf.apply(taken.key), taken.value.value);
                }
            }
        }

        @Override
        protected void release() {
            belowIterator.close();
        }
    }
}
