package io.sluice.streams.state.internals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * Store-key layout of session stores, also the changelog key layout:
 *
 * <pre>
 *   0                   n                          n+8                        n+16
 *  +-------------------+--------------------------+--------------------------+
 *  | record key (n B)  | session end ms (8 B, BE) | session start ms (8 B, BE) |
 *  +-------------------+--------------------------+--------------------------+
 * </pre>
 *
 * End before start, as in Kafka Streams: session queries bound the end from below ({@code end >=
 * earliestSessionEndTime}), so one key's candidates start at {@code key|earliestEnd|0} and are contiguous.
 * Segments are chosen by session end.
 */
final class SessionKeySchema {
    static final int SUFFIX_BYTES = 2 * Long.BYTES;

    private SessionKeySchema() {
    }

    static Bytes toStoreKey(Bytes key, long startMs, long endMs) {
        byte[] raw = key.get();
        return Bytes.wrap(ByteBuffer.allocate(raw.length + SUFFIX_BYTES).put(raw).putLong(endMs).putLong(startMs)
            .array());
    }

    static Bytes extractKey(byte[] storeKey) {
        return Bytes.wrap(Arrays.copyOfRange(storeKey, 0, storeKey.length - SUFFIX_BYTES));
    }

    static long extractEnd(byte[] storeKey) {
        return ByteBuffer.wrap(storeKey).getLong(storeKey.length - SUFFIX_BYTES);
    }

    static long extractStart(byte[] storeKey) {
        return ByteBuffer.wrap(storeKey).getLong(storeKey.length - Long.BYTES);
    }

    static boolean keyEquals(byte[] storeKey, byte[] key) {
        return storeKey.length - SUFFIX_BYTES == key.length
            && Arrays.equals(storeKey, 0, key.length, key, 0, key.length);
    }
}
