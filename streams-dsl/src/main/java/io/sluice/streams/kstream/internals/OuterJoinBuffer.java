package io.sluice.streams.kstream.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.KeyValueStore;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * The records of a left or outer stream-stream join that found no match yet, as seen from one side of the join:
 * they wait here until a match removes them or their join window closes and they are emitted with a
 * {@code null} partner. Both sides share the one store. Store layout (RocksDB or in-memory key-value bytes store):
 *
 * <pre>
 *   key:   | timestamp ms (8 B, big-endian) | side (1 B: 1 = left, 0 = right) | serialized record key |
 *   value: | length (4 B) | serialized value | length (4 B) | serialized value | ...
 * </pre>
 *
 * Keys sort by timestamp first (timestamps are never negative), so a scan meets the oldest waiting records first
 * and can stop early; records with the same timestamp, side and key share one entry (a list), since they always
 * match or expire together. Values are never {@code null}: null values never join.
 *
 * <p>Threading: the task's thread.
 */
final class OuterJoinBuffer<K, VThis, VOther> {
    private final KeyValueStore<Bytes, byte[]> store;
    private final boolean thisIsLeft;
    private final Serde<K> keySerde;
    private final Serde<VThis> thisSerde;
    private final Serde<VOther> otherSerde;
    private final String topic;

    /** Records of one key, side and timestamp, decoded; one of the two value lists is empty. */
    record Waiting<K, VThis, VOther>(long timestampMs, boolean leftSide, K key, List<VThis> thisValues,
                                      List<VOther> otherValues) {
    }

    /** The records {@link #takeExpired} removed, oldest first, and the timestamp of the last entry it looked at. */
    record Expired<K, VThis, VOther>(List<Waiting<K, VThis, VOther>> records, long lastSeenTimestampMs) {
    }

    /** Decides from a waiting record's timestamp and side whether its window is still open. */
    interface WindowOpen {
        boolean test(long timestampMs, boolean leftSide);
    }

    /**
     * @param topic the name passed to the serdes (the store's changelog topic)
     */
    OuterJoinBuffer(KeyValueStore<Bytes, byte[]> store, boolean thisIsLeft, Serde<K> keySerde, Serde<VThis> thisSerde,
                    Serde<VOther> otherSerde, String topic) {
        this.store = store;
        this.thisIsLeft = thisIsLeft;
        this.keySerde = keySerde;
        this.thisSerde = thisSerde;
        this.otherSerde = otherSerde;
        this.topic = topic;
    }

    /** Adds a record of this side that waits for a match. */
    void add(K key, long timestampMs, VThis value) {
        Bytes storeKey = storeKey(timestampMs, thisIsLeft, key);
        byte[] raw = thisSerde.serializer().serialize(topic, value);
        byte[] existing = store.get(storeKey);
        ByteBuffer appended = ByteBuffer.allocate((existing == null ? 0 : existing.length) + Integer.BYTES
            + raw.length);
        if (existing != null) {
            appended.put(existing);
        }
        store.put(storeKey, appended.putInt(raw.length).put(raw).array());
    }

    /** Removes the other side's records of {@code key} at {@code timestampMs}: one of them just found a match. */
    void removeOther(K key, long timestampMs) {
        Bytes storeKey = storeKey(timestampMs, !thisIsLeft, key);
        // Read first so that a match of a record that never waited writes no tombstone to the changelog.
        if (store.get(storeKey) != null) {
            store.delete(storeKey);
        }
    }

    /**
     * Removes and returns the records whose window has closed, oldest first. Scanning stops once a record with an
     * open window has been seen on each side, as every later record (of that side) is younger.
     */
    Expired<K, VThis, VOther> takeExpired(WindowOpen windowOpen) {
        List<KeyValue<Bytes, byte[]>> expired = new ArrayList<>();
        long lastSeen = Long.MAX_VALUE;
        boolean leftOpen = false;
        boolean rightOpen = false;
        try (KeyValueIterator<Bytes, byte[]> entries = store.all()) {
            while (entries.hasNext()) {
                KeyValue<Bytes, byte[]> entry = entries.next();
                ByteBuffer key = ByteBuffer.wrap(entry.key.get());
                long timestamp = key.getLong(0);
                boolean leftSide = key.get(Long.BYTES) == 1;
                lastSeen = timestamp;
                if (leftOpen && rightOpen) {
                    break;
                }
                if (windowOpen.test(timestamp, leftSide)) {
                    leftOpen |= leftSide;
                    rightOpen |= !leftSide;
                    continue;
                }
                expired.add(entry);
            }
        }
        List<Waiting<K, VThis, VOther>> records = new ArrayList<>(expired.size());
        for (KeyValue<Bytes, byte[]> entry : expired) {
            store.delete(entry.key);
            records.add(decode(entry.key.get(), entry.value));
        }
        return new Expired<>(records, lastSeen);
    }

    private Waiting<K, VThis, VOther> decode(byte[] storeKey, byte[] values) {
        ByteBuffer key = ByteBuffer.wrap(storeKey);
        long timestamp = key.getLong();
        boolean leftSide = key.get() == 1;
        byte[] rawKey = new byte[key.remaining()];
        key.get(rawKey);
        boolean thisSide = leftSide == thisIsLeft;
        List<VThis> thisValues = new ArrayList<>();
        List<VOther> otherValues = new ArrayList<>();
        ByteBuffer list = ByteBuffer.wrap(values);
        while (list.hasRemaining()) {
            byte[] raw = new byte[list.getInt()];
            list.get(raw);
            if (thisSide) {
                thisValues.add(thisSerde.deserializer().deserialize(topic, raw));
            } else {
                otherValues.add(otherSerde.deserializer().deserialize(topic, raw));
            }
        }
        return new Waiting<>(timestamp, leftSide, keySerde.deserializer().deserialize(topic, rawKey), thisValues,
            otherValues);
    }

    private Bytes storeKey(long timestampMs, boolean leftSide, K key) {
        byte[] rawKey = keySerde.serializer().serialize(topic, key);
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + 1 + rawKey.length).putLong(timestampMs)
            .put((byte) (leftSide ? 1 : 0)).put(rawKey).array());
    }
}
