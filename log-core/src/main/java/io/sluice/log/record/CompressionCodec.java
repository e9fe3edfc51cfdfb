package io.sluice.log.record;

import io.sluice.log.errors.CorruptRecordException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Compresses and decompresses a batch's records section, framed exactly as kafka-clients frames it for
 * magic 2, so either side reads the other's bytes. One subclass per {@link CompressionType} other than
 * {@code NONE} (uncompressed records are read in place and written as they are).
 *
 * <p>Decompression is bounded: the whole section is inflated into memory (record parsing needs random access
 * and the trailing-bytes check needs the end), but never beyond a caller-given limit, so a hostile batch
 * that inflates to gigabytes fails with {@link CorruptRecordException} after at most that many bytes.
 *
 * <p>Codec instances are stateless and thread-safe; the streams they return are not.
 */
abstract class CompressionCodec {
    private static final int MIN_INITIAL_CAPACITY = 1024;
    /** A guess at typical compression ratios, only to size the first buffer. */
    private static final int EXPECTED_RATIO = 4;

    private final CompressionType type;

    CompressionCodec(CompressionType type) {
        this.type = type;
    }

    static CompressionCodec of(CompressionType type) {
        return switch (type) {
            case GZIP -> GzipCodec.INSTANCE;
            case SNAPPY -> SnappyCodec.INSTANCE;
            case LZ4 -> Lz4Codec.INSTANCE;
            case ZSTD -> ZstdCodec.INSTANCE;
            case NONE -> throw new IllegalArgumentException("Uncompressed records need no codec");
        };
    }

    /** Wraps {@code sink}; closing the returned stream finishes the compressed frame and closes the sink. */
    abstract OutputStream compressing(OutputStream sink) throws IOException;

    /** Inflates all of {@code compressed} into {@code sink}. */
    abstract void decompressInto(ByteBuffer compressed, BoundedSink sink) throws IOException;

    /**
     * The uncompressed records section, position 0.
     *
     * @throws CorruptRecordException if the bytes are not a valid frame of this codec or inflate beyond
     *     {@code maxUncompressedBytes}
     */
    final ByteBuffer decompress(ByteBuffer compressed, int maxUncompressedBytes) {
        long guess = Math.max((long) compressed.remaining() * EXPECTED_RATIO, MIN_INITIAL_CAPACITY);
        BoundedSink sink = new BoundedSink((int) Math.min(guess, maxUncompressedBytes), maxUncompressedBytes);
        try {
            decompressInto(compressed.duplicate(), sink);
        } catch (CorruptRecordException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Codec libraries report bad input with assorted IOExceptions and runtime exceptions (LZ4Exception,
            // ZstdException); to the log they all mean the same thing: the batch is corrupt.
            throw new CorruptRecordException(type.configName + " records do not decompress: " + e.getMessage(), e);
        }
        return sink.toByteBuffer();
    }
}
