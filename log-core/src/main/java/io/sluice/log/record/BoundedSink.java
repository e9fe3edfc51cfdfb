package io.sluice.log.record;

import io.sluice.log.errors.CorruptRecordException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte array that refuses to grow past a limit: the guard that makes decompression bounded.
 * Not thread-safe; one per decompression.
 */
final class BoundedSink {
    private final int maxBytes;
    private byte[] bytes;
    private int size;

    BoundedSink(int initialCapacity, int maxBytes) {
        this.maxBytes = maxBytes;
        this.bytes = new byte[Math.min(initialCapacity, maxBytes)];
    }

    /** Fails before allocating if {@code count} more bytes would exceed the limit. */
    void reserve(int count) {
        if (count > maxBytes - size) {
            throw new CorruptRecordException("records decompress to more than the limit of " + maxBytes + " bytes");
        }
        if (count > bytes.length - size) {
            long grown = Math.max(2L * bytes.length, (long) size + count);
            bytes = Arrays.copyOf(bytes, (int) Math.min(grown, maxBytes));
        }
    }

    void write(byte[] source, int offset, int length) {
        reserve(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
    }

    /** Drains {@code in} to its end. */
    void readFrom(InputStream in) throws IOException {
        while (true) {
            if (size == bytes.length) {
                // Full: only a stream that has nothing more to give may stop here.
                if (size == maxBytes && in.read() == -1) {
                    return;
                }
                reserve(1);
            }
            int read = in.read(bytes, size, bytes.length - size);
            if (read < 0) {
                return;
            }
            size += read;
        }
    }

    ByteBuffer toByteBuffer() {
        return ByteBuffer.wrap(bytes, 0, size).slice();
    }
}
