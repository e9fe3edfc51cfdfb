package io.sluice.streams.state.internals;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import io.sluice.streams.KeyValue;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * A write-back cache over a key-value bytes store (usually the changelogging layer), on Caffeine.
 *
 * <h2>Design</h2>
 * Writes go to the cache only, as dirty entries ({@code null} values as dirty tombstones); repeated updates of a
 * key overwrite one entry, so the store below, the changelog and downstream processors see only the last value.
 * An entry is written below and forwarded to the {@link CacheFlushListener} in two steps that usually go together:
 * {@link #flushCache()} (a commit) and eviction do both; {@link #forwardCache()} only forwards, leaving the entry
 * <em>unwritten</em> until the next flushCache, flush or its eviction. The test driver forwards after every record
 * (so its outputs equal Kafka Streams' driver's) but writes below only when a changelog may be looked at, which
 * spares a RocksDB write per record. Both steps go in the order of the keys' last updates, as Kafka Streams does.
 * The old value the listener gets is what downstream last saw: known without a read below when the entry replaced
 * a cached one, else read below. Reads see cached values first and cache what they read from below. Range scans
 * merge a sorted snapshot of the unwritten entries with the store below's iterator (clean cached entries equal the
 * store below, so they need no merging); an unwritten tombstone hides the key.
 *
 * <h2>Memory</h2>
 * The cache is bounded by {@code statestore.cache.max.bytes}, weighing each entry as key bytes + value bytes +
 * {@value #ENTRY_OVERHEAD_BYTES}. Eviction runs on the calling thread ({@code executor(Runnable::run)}, and a
 * {@code cleanUp()} after every write) so the bound holds after each operation; an evicted dirty or unwritten entry is written
 * below and forwarded at once, from Caffeine's eviction listener, so no write is ever lost. Caffeine picks
 * victims by W-TinyLFU rather than LRU and may refuse to admit a new entry; that costs only an early flush. The
 * sorted unwritten index shares value arrays with the cache; its node overhead is not counted.
 *
 * <p>Threading: single-threaded, owned by one task. The flush listener must not write to this store.
 */
public final class CachingKeyValueStore extends WrappedKeyValueStore implements CachedStateStore<Bytes, byte[]> {
    static final int ENTRY_OVERHEAD_BYTES = 64;

    /** Clean: equals the store below. Dirty: neither forwarded nor written. Forwarded: forwarded, not written. */
    private enum State { CLEAN, DIRTY, FORWARDED }

    private static final class Entry {
        final byte[] value;
        final long timestamp;
        State state;
        /**
         * For a dirty entry: whether {@link #seen} holds what downstream last saw for the key, known when the entry
         * replaced a cached one. Forwarding then needs no read below for the old value.
         */
        final boolean seenKnown;
        final byte[] seen;

        Entry(byte[] value, long timestamp, State state) {
            this(value, timestamp, state, false, null);
        }

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
                return new Entry(value, timestamp, State.DIRTY);
            }
            // Clean and forwarded entries are what downstream saw last; a dirty one knows (or not) what it replaced.
            return previous.state == State.DIRTY
                ? new Entry(value, timestamp, State.DIRTY, previous.seenKnown, previous.seen)
                : new Entry(value, timestamp, State.DIRTY, true, previous.value);
        }
    }

    /** Dirty entries, in the order of their keys' last update. */
    private final LinkedHashMap<Bytes, Entry> toForward = new LinkedHashMap<>();
    /** Dirty and forwarded entries, in the order of their keys' last update. */
    private final LinkedHashMap<Bytes, Entry> unwritten = new LinkedHashMap<>();
    /**
     * {@link #unwritten}, sorted by key for range scans; built by the first scan and kept from then on, so a store
     * that is never scanned (most aggregations) never pays for sorting its writes.
     */
    private TreeMap<Bytes, Entry> unwrittenSorted;
    private final long configuredMaxBytes;
    private Cache<Bytes, Entry> cache;
    private InternalStoreContext timestamps;
    private CacheFlushListener<Bytes, byte[]> listener;
    private boolean sendOldValues;

    /** A cache sized by {@code statestore.cache.max.bytes} from the app config at init. */
    public CachingKeyValueStore(KeyValueStore<Bytes, byte[]> inner) {
        this(inner, -1);
    }

    /** A cache of {@code maxBytes}, whatever the app config says. */
    public CachingKeyValueStore(KeyValueStore<Bytes, byte[]> inner, long maxBytes) {
        super(inner);
        this.configuredMaxBytes = maxBytes;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        super.init(context, root);
        timestamps = context instanceof InternalStoreContext internal ? internal : null;
        long maxBytes = configuredMaxBytes >= 0 ? configuredMaxBytes : StoreCacheConfig.maxBytes(context.appConfigs());
        cache = Caffeine.newBuilder()
            .maximumWeight(maxBytes)
            .weigher((Bytes key, Entry entry) -> weight(key, entry))
            .executor(Runnable::run)
            .evictionListener((Bytes key, Entry entry, RemovalCause cause) -> {
                if (key != null && entry != null && entry.state != State.CLEAN) {
                    forward(key, entry);
                    writeBelow(key, entry);
                }
            })
            .build();
    }

    private static int weight(Bytes key, Entry entry) {
        long bytes = (long) key.get().length + (entry.value == null ? 0 : entry.value.length) + ENTRY_OVERHEAD_BYTES;
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
        this.listener = listener;
        this.sendOldValues = sendOldValues;
        return true;
    }

    /** Bytes the cache holds now, by its weigher. */
    long cachedBytes() {
        return cache.policy().eviction().orElseThrow().weightedSize().orElse(0);
    }

    private void checkOpen() {
        if (cache == null || !isOpen()) {
            throw new IllegalStateException("Store " + name() + " is not open");
        }
    }

    /** Tells the listener about a dirty entry (nothing for another state); it becomes forwarded. */
    private void forward(Bytes key, Entry entry) {
        if (entry.state != State.DIRTY) {
            return;
        }
        if (toForward.get(key) == entry) {
            toForward.remove(key);
        }
        entry.state = State.FORWARDED;
        if (listener != null) {
            // With no cached entry before this one, nothing unwritten existed either: below is what was seen.
            byte[] old = !sendOldValues ? null : entry.seenKnown ? entry.seen : inner.get(key);
            listener.apply(key, entry.value, old, entry.timestamp);
        }
    }

    /** Writes a forwarded entry below; it becomes clean. */
    private void writeBelow(Bytes key, Entry entry) {
        if (unwritten.get(key) == entry) {
            unwritten.remove(key);
            if (unwrittenSorted != null) {
                unwrittenSorted.remove(key);
            }
        }
        entry.state = State.CLEAN;
        inner.put(key, entry.value);
    }

    @Override
    public byte[] get(Bytes key) {
        checkOpen();
        Entry entry = cache.getIfPresent(key);
        if (entry != null) {
            return entry.value;
        }
        byte[] value = inner.get(key);
        if (value != null) {
            cache.put(key, new Entry(value, -1, State.CLEAN));
            cache.cleanUp();
        }
        return value;
    }

    @Override
    public void put(Bytes key, byte[] value) {
        checkOpen();
        Entry entry = Entry.replacing(cache.policy().getIfPresentQuietly(key), value,
            timestamps == null ? -1 : timestamps.recordTimestamp());
        // Index first: if Caffeine evicts the new entry at once, the listener finds and flushes it.
        toForward.remove(key);
        toForward.put(key, entry);
        unwritten.remove(key);
        unwritten.put(key, entry);
        if (unwrittenSorted != null) {
            unwrittenSorted.put(key, entry);
        }
        cache.put(key, entry);
        cache.cleanUp();
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] present = get(key);
        if (present == null) {
            put(key, value);
        }
        return present;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public byte[] delete(Bytes key) {
        byte[] old = get(key);
        put(key, null);
        return old;
    }

    @Override
    public void flush() {
        flushCache();
        inner.flush();
    }

    @Override
    public void forwardCache() {
        checkOpen();
        if (toForward.isEmpty()) {
            return;
        }
        for (Map.Entry<Bytes, Entry> dirty : new ArrayList<>(toForward.entrySet())) {
            forward(dirty.getKey(), dirty.getValue());
        }
    }

    @Override
    public void flushCache() {
        forwardCache();
        if (unwritten.isEmpty()) {
            return;
        }
        for (Map.Entry<Bytes, Entry> pending : new ArrayList<>(unwritten.entrySet())) {
            writeBelow(pending.getKey(), pending.getValue());
            if (pending.getValue().value == null) {
                cache.invalidate(pending.getKey()); // a written tombstone has nothing left to hide
            }
        }
    }

    @Override
    public void close() {
        try {
            if (cache != null && isOpen()) {
                flush();
            }
        } finally {
            if (cache != null) {
                cache.invalidateAll();
            }
            toForward.clear();
            unwritten.clear();
            unwrittenSorted = null;
            inner.close();
        }
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return merged(from, to, true, inner.range(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return merged(from, to, false, inner.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return merged(null, null, true, inner.all());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return merged(null, null, false, inner.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        checkOpen();
        byte[] prefixBytes = prefixKeySerializer.serialize(null, prefix);
        List<KeyValue<Bytes, Entry>> snapshot = new ArrayList<>();
        for (Map.Entry<Bytes, Entry> e : sortedUnwritten().tailMap(Bytes.wrap(prefixBytes), true).entrySet()) {
            if (!ByteOrder.startsWith(e.getKey().get(), prefixBytes)) {
                break;
            }
            snapshot.add(KeyValue.pair(e.getKey(), e.getValue()));
        }
        return new MergeIterator(snapshot.iterator(), inner.prefixScan(prefix, prefixKeySerializer), true);
    }

    private TreeMap<Bytes, Entry> sortedUnwritten() {
        if (unwrittenSorted == null) {
            unwrittenSorted = new TreeMap<>(unwritten);
        }
        return unwrittenSorted;
    }

    private KeyValueIterator<Bytes, byte[]> merged(Bytes from, Bytes to, boolean forward,
                                                   KeyValueIterator<Bytes, byte[]> below) {
        checkOpen();
        NavigableMap<Bytes, Entry> view = sortedUnwritten();
        if (ByteOrder.isEmptyRange(from, to)) {
            view = new TreeMap<>();
        } else if (from != null && to != null) {
            view = view.subMap(from, true, to, true);
        } else if (from != null) {
            view = view.tailMap(from, true);
        } else if (to != null) {
            view = view.headMap(to, true);
        }
        List<KeyValue<Bytes, Entry>> snapshot = new ArrayList<>();
        (forward ? view : view.descendingMap()).forEach((key, entry) -> snapshot.add(KeyValue.pair(key, entry)));
        return new MergeIterator(snapshot.iterator(), below, forward);
    }

    /** Merges the unwritten snapshot with the store below; the cache wins on equal keys, tombstones are skipped. */
    private final class MergeIterator extends AbstractStoreIterator<Bytes, byte[]> {
        private final Iterator<KeyValue<Bytes, Entry>> cached;
        private final KeyValueIterator<Bytes, byte[]> below;
        private final Comparator<Bytes> order;
        private KeyValue<Bytes, Entry> nextCached;

        MergeIterator(Iterator<KeyValue<Bytes, Entry>> cached, KeyValueIterator<Bytes, byte[]> below,
                      boolean forward) {
            super(name());
            this.cached = cached;
            this.below = below;
            this.order = forward ? Comparator.naturalOrder() : Comparator.reverseOrder();
            this.nextCached = cached.hasNext() ? cached.next() : null;
        }

        @Override
        protected KeyValue<Bytes, byte[]> makeNext() {
            while (nextCached != null || below.hasNext()) {
                int cmp = nextCached == null ? 1 : !below.hasNext() ? -1
                    : order.compare(nextCached.key, below.peekNextKey());
                if (cmp > 0) {
                    return below.next();
                }
                if (cmp == 0) {
                    below.next();
                }
                KeyValue<Bytes, Entry> taken = nextCached;
                nextCached = cached.hasNext() ? cached.next() : null;
                if (taken.value.value != null) {
                    return KeyValue.pair(taken.key, taken.value.value);
                }
            }
            return null;
        }

        @Override
        protected void release() {
            below.close();
        }
    }
}
