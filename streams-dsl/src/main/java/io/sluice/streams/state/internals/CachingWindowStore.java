package io.sluice.streams.state.internals;

import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.kstream.internals.TimeWindow;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.WindowStore;
import io.sluice.streams.state.WindowStoreIterator;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;

/**
 * A write-back cache over a window bytes store (usually the changelogging layer): repeated puts of a (key, window
 * start) between commits reach the store below, the changelog and the {@link CacheFlushListener} once, with the
 * last value: {@link #forwardCache()} tells the listener without writing below; {@link #flushCache()} (a commit) and
 * eviction also write. See {@link WriteBackCache} for the cache's design and read merging, and
 * {@link StreamTimeRetention} for retention (by window start). Forwarded keys are {@code Windowed} with a
 * {@code TimeWindow} of the store's window size.
 *
 * <p>Needs a store that keeps one value per (key, window start): a store retaining duplicates is not cached (its
 * builder leaves the cache out, as Kafka Streams does). Threading: single-threaded, owned by one task.
 */
public final class CachingWindowStore extends WrappedStateStore<WindowStore<Bytes, byte[]>>
    implements WindowStore<Bytes, byte[]>, CachedStateStore<Windowed<Bytes>, byte[]> {
    private final long windowSizeMs;
    private final long retentionMs;
    private final long segmentIntervalMs;
    private final long configuredMaxBytes;
    private WriteBackCache cache;
    private StreamTimeRetention retention;

    /**
     * @param maxBytes the cache's bound, or {@code -1} for {@code statestore.cache.max.bytes} from the app config
     */
    public CachingWindowStore(WindowStore<Bytes, byte[]> inner, long windowSizeMs, long retentionMs,
                              long segmentIntervalMs, long maxBytes) {
        super(inner);
        this.windowSizeMs = windowSizeMs;
        this.retentionMs = retentionMs;
        this.segmentIntervalMs = segmentIntervalMs;
        this.configuredMaxBytes = maxBytes;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
        retention = new StreamTimeRetention(retentionMs, segmentIntervalMs, WindowKeySchema::extractWindowStart);
        cache = WriteBackCache.forSegments(name(), context, configuredMaxBytes,
            storeKey -> inner.fetch(WindowKeySchema.extractKey(storeKey.get()),
                WindowKeySchema.extractWindowStart(storeKey.get())),
            (storeKey, value) -> inner.put(WindowKeySchema.extractKey(storeKey.get()), value,
                WindowKeySchema.extractWindowStart(storeKey.get())),
            retention);
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<Windowed<Bytes>, byte[]> listener, boolean sendOldValues) {
        checkOpen();
        cache.setFlushListener((storeKey, newValue, oldValue, timestamp) -> listener.apply(windowed(storeKey.get()),
            newValue, oldValue, timestamp), sendOldValues);
        return true;
    }

    /** Bytes the cache holds now. */
    long cachedBytes() {
        return cache.cachedBytes();
    }

    private void checkOpen() {
        if (cache == null || !isOpen()) {
            throw new IllegalStateException("Store " + name() + " is not open");
        }
    }

    private Windowed<Bytes> windowed(byte[] storeKey) {
        long start = WindowKeySchema.extractWindowStart(storeKey);
        long end = start <= Long.MAX_VALUE - windowSizeMs ? start + windowSizeMs : Long.MAX_VALUE;
        return new Windowed<>(WindowKeySchema.extractKey(storeKey), new TimeWindow(start, end));
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartMs) {
        checkOpen();
        if (windowStartMs < 0) {
            throw new IllegalArgumentException("Window start must not be negative, was " + windowStartMs
                + " (store " + name() + ")");
        }
        cache.put(WindowKeySchema.toStoreKey(key, windowStartMs, 0), value);
    }

    @Override
    public byte[] fetch(Bytes key, long windowStartMs) {
        checkOpen();
        return windowStartMs < 0 ? null : cache.get(WindowKeySchema.toStoreKey(key, windowStartMs, 0));
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return fetchKey(key, timeFrom, timeTo, true, inner.fetch(key, timeFrom, timeTo));
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, Instant timeFrom, Instant timeTo) {
        return fetchKey(key, timeFrom.toEpochMilli(), timeTo.toEpochMilli(), false,
            inner.backwardFetch(key, timeFrom, timeTo));
    }

    private WindowStoreIterator<byte[]> fetchKey(Bytes key, long timeFrom, long timeTo, boolean forward,
                                                 WindowStoreIterator<byte[]> below) {
        checkOpen();
        long from = Math.max(0, timeFrom);
        byte[] rawKey = key.get();
        KeyValueIterator<Long, byte[]> merged = cache.merge(WindowKeySchema.toStoreKey(key, from, 0),
            WindowKeySchema.toStoreKey(key, Math.max(from, timeTo), 0),
            storeKey -> WindowKeySchema.keyEquals(storeKey, rawKey) && inTime(storeKey, from, timeTo),
            forward ? Comparator.naturalOrder() : Comparator.reverseOrder(), below,
            storeKey -> WindowKeySchema.extractWindowStart(storeKey.get()),
            start -> WindowKeySchema.toStoreKey(key, start, 0));
        return new FilteringIterator.Window<>(name(), merged, entry -> entry);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        // Bounds as the segmented store's scan, so a flush never changes what a query finds.
        Bytes upper = keyTo == null ? null : WindowKeySchema.upperBoundOfKey(keyTo, WindowKeySchema.SUFFIX_BYTES);
        return multiKey(keyFrom, upper, storeKey -> {
            Bytes key = WindowKeySchema.extractKey(storeKey);
            return (keyFrom == null || key.compareTo(keyFrom) >= 0) && (keyTo == null || key.compareTo(keyTo) <= 0)
                && inTime(storeKey, timeFrom, timeTo);
        }, inner.fetch(keyFrom, keyTo, timeFrom, timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return multiKey(null, null, storeKey -> true, inner.all());
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return multiKey(null, null, storeKey -> inTime(storeKey, timeFrom, timeTo), inner.fetchAll(timeFrom, timeTo));
    }

    private static boolean inTime(byte[] storeKey, long timeFrom, long timeTo) {
        long start = WindowKeySchema.extractWindowStart(storeKey);
        return start >= timeFrom && start <= timeTo;
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> multiKey(Bytes lower, Bytes upper, Predicate<byte[]> matches,
                                                               KeyValueIterator<Windowed<Bytes>, byte[]> below) {
        checkOpen();
        return cache.merge(lower, upper, matches, retention.segmentOrder(), below, storeKey -> windowed(storeKey.get()),
            windowed -> WindowKeySchema.toStoreKey(windowed.key(), windowed.window().start(), 0));
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
    public void flush() {
        flushCache();
        inner.flush();
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

}
