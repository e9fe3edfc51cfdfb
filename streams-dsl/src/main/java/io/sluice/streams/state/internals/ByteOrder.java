package io.sluice.streams.state.internals;

import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/** Unsigned lexicographic byte order (RocksDB's default comparator) and range helpers. */
final class ByteOrder {
    private ByteOrder() {
    }

    static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * The least key above every key starting with {@code prefix} (an inclusive bound of a prefix's range, itself not
     * starting with it), or {@code null} when there is none: an empty prefix, or one of {@code 0xFF} bytes only.
     */
    static Bytes prefixUpperBound(byte[] prefix) {
        int last = prefix.length - 1;
        while (last >= 0 && prefix[last] == (byte) 0xFF) {
            last--;
        }
        if (last < 0) {
            return null;
        }
        byte[] bound = Arrays.copyOf(prefix, last + 1);
        bound[last]++;
        return Bytes.wrap(bound);
    }

    /** Whether {@code from..to} is an empty range (both bounds inclusive, {@code null} open). */
    static boolean isEmptyRange(Bytes from, Bytes to) {
        return from != null && to != null && from.compareTo(to) > 0;
    }

    static byte[] get(Bytes bytes) {
        return bytes == null ? null : bytes.get();
    }
}
