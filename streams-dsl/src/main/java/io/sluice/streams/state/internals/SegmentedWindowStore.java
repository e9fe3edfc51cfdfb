package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.kstream.internals.TimeWindow;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.WindowStore;
import io.sluice.streams.state.WindowStoreIterator;
import java.time.Instant;
import java.util.Collection;
import org.apache.kafka.common.utils.Bytes;

/**
 * Window bytes store over time segments ({@link SegmentedBytesStore}), RocksDB or in-memory by its
 * {@link SegmentStorage}. Store keys follow {@link WindowKeySchema}; segments are chosen by window start.
 * Threading: single-threaded, owned by one task.
 */
public final class SegmentedWindowStore implements WindowStore<Bytes, byte[]>, RawRestorable {
    private final String name;
    private final long windowSizeMs;
    private final boolean retainDuplicates;
    private final SegmentedBytesStore segments;
    private int seq;

    SegmentedWindowStore(String name, long retentionMs, long segmentIntervalMs, long windowSizeMs,
                         boolean retainDuplicates, SegmentStorage storage) {
        this.name = name;
        this.windowSizeMs = windowSizeMs;
        this.retainDuplicates = retainDuplicates;
        this.segments = new SegmentedBytesStore(name, retentionMs, segmentIntervalMs, storage);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        segments.init(context);
    }

    @Override
    public void flush() {
        segments.flush();
    }

    @Override
    public void close() {
        segments.close();
    }

    @Override
    public boolean persistent() {
        return segments.persistent();
    }

    @Override
    public boolean isOpen() {
        return segments.isOpen();
    }

    int segmentCount() {
        return segments.segmentCount();
    }

    boolean retainDuplicates() {
        return retainDuplicates;
    }

    @Override
    public void put(Bytes key, byte[] value, long windowStartMs) {
        putReturningStoreKey(key, value, windowStartMs);
    }

    /** Puts and returns the store key written, or {@code null} if nothing was (a null put with duplicates). */
    Bytes putReturningStoreKey(Bytes key, byte[] value, long windowStartMs) {
        segments.checkOpen();
        if (windowStartMs < 0) {
            throw new IllegalArgumentException("Window start must not be negative, was " + windowStartMs);
        }
        if (retainDuplicates && value == null) {
            return null;
        }
        Bytes storeKey = WindowKeySchema.toStoreKey(key, windowStartMs, retainDuplicates ? ++seq : 0);
        segments.put(storeKey, windowStartMs, value);
        return storeKey;
    }

    @Override
    public void restoreRaw(Collection<KeyValue<byte[], byte[]>> records) {
        for (KeyValue<byte[], byte[]> record : records) {
            // Continue numbering after restored duplicates so new puts never overwrite them.
            seq = Math.max(seq, WindowKeySchema.extractSeq(record.key));
            segments.put(Bytes.wrap(record.key), WindowKeySchema.extractWindowStart(record.key), record.value);
        }
    }

    @Override
    public byte[] fetch(Bytes key, long windowStartMs) {
        if (!retainDuplicates) {
            return segments.get(WindowKeySchema.toStoreKey(key, windowStartMs, 0), windowStartMs);
        }
        try (WindowStoreIterator<byte[]> iterator = fetch(key, windowStartMs, windowStartMs)) {
            return iterator.hasNext() ? iterator.next().value : null;
        }
    }

    @Override
    public WindowStoreIterator<byte[]> fetch(Bytes key, long timeFrom, long timeTo) {
        return fetchKey(key, timeFrom, timeTo, true);
    }

    @Override
    public WindowStoreIterator<byte[]> backwardFetch(Bytes key, Instant timeFrom, Instant timeTo) {
        return fetchKey(key, timeFrom.toEpochMilli(), timeTo.toEpochMilli(), false);
    }

    private WindowStoreIterator<byte[]> fetchKey(Bytes key, long timeFrom, long timeTo, boolean forward) {
        long from = Math.max(0, timeFrom);
        byte[] rawKey = key.get();
        KeyValueIterator<Bytes, byte[]> scan = segments.fetch(WindowKeySchema.toStoreKey(key, from, 0),
            WindowKeySchema.toStoreKey(key, Math.max(from, timeTo), -1), from, timeTo, forward);
        long minLive = segments.minLiveTimestamp();
        return new FilteringIterator.Window<>(name, scan, entry -> {
            byte[] storeKey = entry.key.get();
            long start = WindowKeySchema.extractWindowStart(storeKey);
            return WindowKeySchema.keyEquals(storeKey, rawKey) && start >= from && start <= timeTo
                && start >= minLive ? KeyValue.pair(start, entry.value) : null;
        });
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        if (ByteOrder.isEmptyRange(keyFrom, keyTo)) {
            return fetchAll(1, 0);
        }
        Bytes upper = keyTo == null ? null : WindowKeySchema.upperBoundOfKey(keyTo, WindowKeySchema.SUFFIX_BYTES);
        return windowed(segments.fetch(keyFrom, upper, timeFrom, timeTo, true), keyFrom, keyTo, timeFrom, timeTo);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> all() {
        return fetchAll(0, Long.MAX_VALUE);
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, byte[]> fetchAll(long timeFrom, long timeTo) {
        return windowed(segments.fetch(null, null, timeFrom, timeTo, true), null, null, timeFrom, timeTo);
    }

    private KeyValueIterator<Windowed<Bytes>, byte[]> windowed(KeyValueIterator<Bytes, byte[]> scan, Bytes keyFrom,
                                                               Bytes keyTo, long timeFrom, long timeTo) {
        long minLive = segments.minLiveTimestamp();
        return new FilteringIterator<>(name, scan, entry -> {
            byte[] storeKey = entry.key.get();
            long start = WindowKeySchema.extractWindowStart(storeKey);
            if (start < timeFrom || start > timeTo || start < minLive) {
                return null;
            }
            Bytes key = WindowKeySchema.extractKey(storeKey);
            if ((keyFrom != null && key.compareTo(keyFrom) < 0) || (keyTo != null && key.compareTo(keyTo) > 0)) {
                return null;
            }
            long end = start <= Long.MAX_VALUE - windowSizeMs ? start + windowSizeMs : Long.MAX_VALUE;
            return KeyValue.pair(new Windowed<>(key, new TimeWindow(start, end)), entry.value);
        });
    }
}
