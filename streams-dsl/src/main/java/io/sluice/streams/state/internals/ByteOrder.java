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

    /** Whether {@code from..to} is an empty range (both bounds inclusive, {@code null} open). */
    static boolean isEmptyRange(Bytes from, Bytes to) {
        return from != null && to != null && from.compareTo(to) > 0;
    }

    static byte[] get(Bytes bytes) {
        return bytes == null ? null : bytes.get();
    }
}
