package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.KeyValueStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;

/**
 * Bytes store split into time segments, the storage under window and session stores. Each segment is a key-value
 * bytes store ({@link SegmentStorage}: a RocksDB database or an in-memory map) holding the records whose segment
 * timestamp (window start, or session end) falls in {@code [id * segmentIntervalMs, (id + 1) * segmentIntervalMs)}.
 *
 * <p>Retention: the store tracks {@code observedStreamTime}, the largest segment timestamp put so far. A record is
 * live while {@code timestamp > observedStreamTime - retentionMs}; puts of expired records are dropped, reads
 * never return them, and a segment is dropped as a whole (its directory deleted) once all of its time range has
 * expired. After a reopen, observed stream time starts again at the newest segment's start.
 *
 * <p>Threading: single-threaded, owned by one task.
 */
final class SegmentedBytesStore {
    private final String name;
    private final long retentionMs;
    private final long segmentIntervalMs;
    private final SegmentStorage storage;
    private final TreeMap<Long, KeyValueStore<Bytes, byte[]>> segments = new TreeMap<>();
    private long observedStreamTime = -1;
    private boolean open;

    SegmentedBytesStore(String name, long retentionMs, long segmentIntervalMs, SegmentStorage storage) {
        if (retentionMs < 0 || segmentIntervalMs < 1) {
            throw new IllegalArgumentException("Store " + name + " needs retentionMs >= 0 and segmentIntervalMs >= 1,"
                + " got " + retentionMs + " and " + segmentIntervalMs);
        }
        this.name = name;
        this.retentionMs = retentionMs;
        this.segmentIntervalMs = segmentIntervalMs;
        this.storage = storage;
    }

    void init(StateStoreContext context) {
        storage.init(context);
        for (long start : storage.existingSegments()) {
            segments.put(start / segmentIntervalMs, storage.openSegment(start));
            observedStreamTime = Math.max(observedStreamTime, start);
        }
        open = true;
    }

    boolean isOpen() {
        return open;
    }

    boolean persistent() {
        return storage.persistent();
    }

    long segmentIntervalMs() {
        return segmentIntervalMs;
    }

    /** The smallest live timestamp. */
    long minLiveTimestamp() {
        return observedStreamTime - retentionMs + 1;
    }

    void checkOpen() {
        if (!open) {
            throw new IllegalStateException("Store " + name + " is not open");
        }
    }

    /** Puts (or with a {@code null} value deletes) {@code storeKey} in the segment of {@code timestamp}. */
    void put(Bytes storeKey, long timestamp, byte[] value) {
        checkOpen();
        observedStreamTime = Math.max(observedStreamTime, timestamp);
        if (timestamp < minLiveTimestamp()) {
            return;
        }
        long id = timestamp / segmentIntervalMs;
        KeyValueStore<Bytes, byte[]> segment = segments.get(id);
        if (segment == null) {
            if (value == null) {
                return;
            }
            segment = storage.openSegment(id * segmentIntervalMs);
            segments.put(id, segment);
        }
        segment.put(storeKey, value);
        dropExpiredSegments();
    }

    byte[] get(Bytes storeKey, long timestamp) {
        checkOpen();
        if (timestamp < minLiveTimestamp()) {
            return null;
        }
        KeyValueStore<Bytes, byte[]> segment = segments.get(timestamp / segmentIntervalMs);
        return segment == null ? null : segment.get(storeKey);
    }

    private void dropExpiredSegments() {
        long minLiveSegment = Math.floorDiv(minLiveTimestamp(), segmentIntervalMs);
        if (segments.isEmpty() || segments.firstKey() >= minLiveSegment) {
            return; // the common case, checked on every put: nothing expired, nothing to allocate
        }
        Map<Long, KeyValueStore<Bytes, byte[]>> expired = segments.headMap(minLiveSegment, false);
        for (Map.Entry<Long, KeyValueStore<Bytes, byte[]>> entry : new ArrayList<>(expired.entrySet())) {
            storage.dropSegment(entry.getValue(), entry.getKey() * segmentIntervalMs);
            segments.remove(entry.getKey());
        }
    }

    /**
     * Entries with store keys in {@code [lower, upper]} ({@code null} open) from the segments that may hold
     * timestamps in {@code [timeFrom, timeTo]}, segment by segment; callers filter decoded timestamps.
     */
    KeyValueIterator<Bytes, byte[]> fetch(Bytes lower, Bytes upper, long timeFrom, long timeTo, boolean forward) {
        checkOpen();
        long from = Math.max(timeFrom, Math.max(0, minLiveTimestamp()));
        if (from > timeTo) {
            return new SegmentsIterator(List.<KeyValueStore<Bytes, byte[]>>of().iterator(), lower, upper, forward);
        }
        Map<Long, KeyValueStore<Bytes, byte[]>> range =
            segments.subMap(from / segmentIntervalMs, true, timeTo / segmentIntervalMs, true);
        List<KeyValueStore<Bytes, byte[]>> selected = new ArrayList<>(range.values());
        if (!forward) {
            java.util.Collections.reverse(selected);
        }
        return new SegmentsIterator(selected.iterator(), lower, upper, forward);
    }

    void flush() {
        checkOpen();
        segments.values().forEach(KeyValueStore::flush);
    }

    void close() {
        open = false;
        segments.values().forEach(KeyValueStore::close);
        segments.clear();
    }

    int segmentCount() {
        return segments.size();
    }

    /** Concatenates the range iterators of successive segments, opening each only when reached. */
    private final class SegmentsIterator extends AbstractStoreIterator<Bytes, byte[]> {
        private final Iterator<KeyValueStore<Bytes, byte[]>> remaining;
        private final Bytes lower;
        private final Bytes upper;
        private final boolean forward;
        private KeyValueIterator<Bytes, byte[]> current;

        SegmentsIterator(Iterator<KeyValueStore<Bytes, byte[]>> remaining, Bytes lower, Bytes upper,
                         boolean forward) {
            super(name);
            this.remaining = remaining;
            this.lower = lower;
            this.upper = upper;
            this.forward = forward;
        }

        @Override
        protected KeyValue<Bytes, byte[]> makeNext() {
            while (current == null || !current.hasNext()) {
                if (current != null) {
                    current.close();
                    current = null;
                }
                if (!remaining.hasNext()) {
                    return null;
                }
                KeyValueStore<Bytes, byte[]> segment = remaining.next();
                if (!segment.isOpen()) {
                    continue;
                }
                current = forward ? segment.range(lower, upper) : segment.reverseRange(lower, upper);
            }
            return current.next();
        }

        @Override
        protected void release() {
            if (current != null) {
                current.close();
            }
        }
    }
}
