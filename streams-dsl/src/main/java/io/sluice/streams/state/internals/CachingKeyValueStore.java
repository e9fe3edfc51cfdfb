package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.KeyValueStore;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * A write-back cache over a key-value bytes store (usually the changelogging layer): repeated updates of a key
 * between commits reach the store below, the changelog and the {@link CacheFlushListener} once, with the last value.
 * {@link #forwardCache()} tells the listener without writing below; {@link #flushCache()} (a commit) and eviction
 * also write. Reads are cached, so the old value of a key read or written before needs no read below when it is
 * forwarded; every tombstone is forwarded. See {@link WriteBackCache} for the cache's design, merging and memory.
 *
 * <p>Threading: single-threaded, owned by one task. The flush listener must not write to this store.
 */
public final class CachingKeyValueStore extends WrappedKeyValueStore implements CachedStateStore<Bytes, byte[]> {
    /** The fixed weight of an entry, on top of its key and value bytes. */
    static final int ENTRY_OVERHEAD_BYTES = WriteBackCache.ENTRY_OVERHEAD_BYTES;

    private final long configuredMaxBytes;
    private WriteBackCache cache;

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
        cache = WriteBackCache.forKeyValues(name(), context, configuredMaxBytes, inner::get, inner::put);
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Bytes, byte[]> listener, boolean sendOldValues) {
        cache.setFlushListener(listener, sendOldValues);
        return true;
    }

    /** Bytes the cache holds now, by its weigher. */
    long cachedBytes() {
        return cache.cachedBytes();
    }

    private void checkOpen() {
        if (cache == null || !isOpen()) {
            throw new IllegalStateException("Store " + name() + " is not open");
        }
    }

    @Override
    public byte[] get(Bytes key) {
        checkOpen();
        return cache.get(key);
    }

    @Override
    public void put(Bytes key, byte[] value) {
        checkOpen();
        cache.put(key, value);
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
        cache.forward();
    }

    @Override
    public void flushCache() {
        checkOpen();
        cache.flush();
    }

    @Override
    public void close() {
        try {
            if (cache != null && isOpen()) {
                flush();
            }
        } finally {
            if (cache != null) {
                cache.clear();
            }
            inner.close();
        }
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return merged(from, to, key -> true, true, inner.range(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return merged(from, to, key -> true, false, inner.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return merged(null, null, key -> true, true, inner.all());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return merged(null, null, key -> true, false, inner.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        byte[] prefixBytes = prefixKeySerializer.serialize(null, prefix);
        return merged(Bytes.wrap(prefixBytes), ByteOrder.prefixUpperBound(prefixBytes),
            key -> ByteOrder.startsWith(key, prefixBytes), true, inner.prefixScan(prefix, prefixKeySerializer));
    }

    private KeyValueIterator<Bytes, byte[]> merged(Bytes from, Bytes to, Predicate<byte[]> matches,
                                                   boolean forward, KeyValueIterator<Bytes, byte[]> below) {
        checkOpen();
        return cache.merge(from, to, matches, forward ? Comparator.naturalOrder() : Comparator.reverseOrder(), below,
            Function.identity(), Function.identity());
    }
}
