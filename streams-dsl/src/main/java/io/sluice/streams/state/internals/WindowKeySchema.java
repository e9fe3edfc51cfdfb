package io.sluice.streams.state.internals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * Store-key layout of window stores, also the changelog key layout:
 *
 * <pre>
 *   0                   n                               n+8             n+12
 *  +-------------------+-------------------------------+---------------+
 *  | record key (n B)  | window start ms (8 B, BE)     | seq (4 B, BE) |
 *  +-------------------+-------------------------------+---------------+
 * </pre>
 *
 * Big-endian non-negative timestamps sort numerically under the bytewise order, so one key's windows are
 * contiguous and in time order: a fetch of one key over a time range is one range scan from
 * {@code key|from|0} to {@code key|to|0xFFFFFFFF}, filtered for keys that merely share a prefix. {@code seq} is
 * 0 unless the store retains duplicates, when each put takes the next number so equal (key, start) pairs coexist.
 * Known limit, shared with Kafka Streams: a key-range fetch scans up to {@code keyTo|0xFF...}, so it can miss
 * a key that is a proper prefix of {@code keyTo} when the bytes following the prefix in {@code keyTo} sort
 * below that key's timestamp bytes.
 */
final class WindowKeySchema {
    static final int SUFFIX_BYTES = Long.BYTES + Integer.BYTES;

    private WindowKeySchema() {
    }

    static Bytes toStoreKey(Bytes key, long windowStartMs, int seq) {
        byte[] raw = key.get();
        return Bytes.wrap(ByteBuffer.allocate(raw.length + SUFFIX_BYTES).put(raw).putLong(windowStartMs).putInt(seq)
            .array());
    }

    static Bytes extractKey(byte[] storeKey) {
        return Bytes.wrap(Arrays.copyOfRange(storeKey, 0, storeKey.length - SUFFIX_BYTES));
    }

    static long extractWindowStart(byte[] storeKey) {
        return ByteBuffer.wrap(storeKey).getLong(storeKey.length - SUFFIX_BYTES);
    }

    static int extractSeq(byte[] storeKey) {
        return ByteBuffer.wrap(storeKey).getInt(storeKey.length - Integer.BYTES);
    }

    static boolean keyEquals(byte[] storeKey, byte[] key) {
        return storeKey.length - SUFFIX_BYTES == key.length
            && Arrays.equals(storeKey, 0, key.length, key, 0, key.length);
    }

    /** The largest store key of any window of {@code key} (all suffix bytes 0xFF). */
    static Bytes upperBoundOfKey(Bytes key, int suffixBytes) {
        byte[] raw = key.get();
        byte[] bound = Arrays.copyOf(raw, raw.length + suffixBytes);
        Arrays.fill(bound, raw.length, bound.length, (byte) 0xFF);
        return Bytes.wrap(bound);
    }
}
