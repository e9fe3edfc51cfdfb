package io.sluice.streams.kstream.internals;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The byte layouts of windowed keys on topics, Kafka Streams' own so that windowed outputs read the same with
 * either library:
 *
 * <pre>
 *   time window:        | key (n B) | window start ms (8 B, BE) |
 *   time window,
 *   changelog topic:    | key (n B) | window start ms (8 B, BE) | seq (4 B, BE) |
 *   session window:     | key (n B) | session end ms (8 B, BE)  | session start ms (8 B, BE) |
 * </pre>
 *
 * A time window's end is not written: readers add the window size they know (saturating at {@code Long.MAX_VALUE}).
 * Stateless.
 */
public final class WindowedKeyFormat {
    public static final int TIME_SUFFIX_BYTES = Long.BYTES;
    public static final int CHANGELOG_TIME_SUFFIX_BYTES = Long.BYTES + Integer.BYTES;
    public static final int SESSION_SUFFIX_BYTES = 2 * Long.BYTES;

    private WindowedKeyFormat() {
    }

    public static byte[] timeWindowed(byte[] key, long startMs) {
        return ByteBuffer.allocate(key.length + TIME_SUFFIX_BYTES).put(key).putLong(startMs).array();
    }

    public static byte[] sessionWindowed(byte[] key, long startMs, long endMs) {
        return ByteBuffer.allocate(key.length + SESSION_SUFFIX_BYTES).put(key).putLong(endMs).putLong(startMs).array();
    }

    /** The key bytes in front of a suffix of {@code suffixBytes}. */
    public static byte[] key(byte[] windowed, int suffixBytes, String topic) {
        if (windowed.length < suffixBytes) {
            throw new IllegalArgumentException("A windowed key on topic " + topic + " needs at least " + suffixBytes
                + " bytes, got " + windowed.length);
        }
        return Arrays.copyOfRange(windowed, 0, windowed.length - suffixBytes);
    }

    /** The big-endian long at {@code offsetFromKeyEnd} bytes after the key, for a suffix of {@code suffixBytes}. */
    public static long longAfterKey(byte[] windowed, int suffixBytes, int offsetFromKeyEnd) {
        return ByteBuffer.wrap(windowed).getLong(windowed.length - suffixBytes + offsetFromKeyEnd);
    }

    public static long timeWindowEnd(long startMs, long windowSizeMs) {
        long endMs = startMs + windowSizeMs;
        return endMs < startMs ? Long.MAX_VALUE : endMs;
    }
}
