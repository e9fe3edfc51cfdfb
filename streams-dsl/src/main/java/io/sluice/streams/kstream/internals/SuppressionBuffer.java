package io.sluice.streams.kstream.internals;

import io.sluice.streams.processor.api.Record;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;

/**
 * The in-memory buffer of a suppression: the latest change per key, ordered by buffer time (the time the key's
 * first buffered change got, see below), ties in insertion order.
 *
 * <p>Non-resetting: a key that is buffered again keeps its place and buffer time, so a time limit counts from
 * the key's first buffered update; the new change replaces the old one but keeps the old value from before the
 * first buffered change, so downstream sees one change from what it last saw to the latest value.
 *
 * <p>Threading: the task's thread. Not persisted: a restarted task starts with an empty buffer (Kafka Streams
 * restores it from a changelog).
 */
final class SuppressionBuffer<K, V> {
    /** A buffered change: the record to emit (with the latest timestamp and headers) and its size. */
    record Buffered<K, V>(Record<K, Change<V>> record, long sizeBytes) {
    }

    private record Slot(long time, long sequence) implements Comparable<Slot> {
        @Override
        public int compareTo(Slot other) {
            int byTime = Long.compare(time, other.time);
            return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
        }
    }

    private final TreeMap<Slot, K> byTime = new TreeMap<>();
    private final Map<K, Slot> slots = new HashMap<>();
    private final Map<K, Buffered<K, V>> entries = new HashMap<>();
    private final ToLongFunction<Record<K, Change<V>>> sizer;
    private long sequence;
    private long bytes;

    /** @param sizer the bytes a buffered record counts against a byte bound (0 when there is none) */
    SuppressionBuffer(ToLongFunction<Record<K, Change<V>>> sizer) {
        this.sizer = sizer;
    }

    void put(long bufferTime, Record<K, Change<V>> record) {
        K key = record.key();
        Buffered<K, V> previous = entries.get(key);
        Record<K, Change<V>> toBuffer = previous == null ? record
            : record.withValue(new Change<>(record.value().newValue(), previous.record().value().oldValue()));
        long size = sizer.applyAsLong(toBuffer);
        if (previous == null) {
            Slot slot = new Slot(bufferTime, sequence++);
            slots.put(key, slot);
            byTime.put(slot, key);
        } else {
            bytes -= previous.sizeBytes();
        }
        entries.put(key, new Buffered<>(toBuffer, size));
        bytes += size;
    }

    int records() {
        return entries.size();
    }

    long bytes() {
        return bytes;
    }

    /** The smallest buffer time, or {@link Long#MAX_VALUE} when empty. */
    long minTime() {
        return byTime.isEmpty() ? Long.MAX_VALUE : byTime.firstKey().time();
    }

    /** Removes the entry with the smallest buffer time and hands it to {@code emit}. */
    void evictOldest(Consumer<Record<K, Change<V>>> emit) {
        Map.Entry<Slot, K> oldest = byTime.pollFirstEntry();
        K key = oldest.getValue();
        slots.remove(key);
        Buffered<K, V> buffered = entries.remove(key);
        bytes -= buffered.sizeBytes();
        emit.accept(buffered.record());
    }
}
