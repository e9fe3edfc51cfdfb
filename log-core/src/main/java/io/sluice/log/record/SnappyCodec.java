package io.sluice.log.record;

import io.sluice.log.errors.CorruptRecordException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyOutputStream;

/**
 * Snappy in snappy-java's stream framing ({@link SnappyOutputStream}), which is what kafka-clients writes:
 *
 * <pre>
 *   header   8 bytes magic 0x82 "SNAPPY" 0x00, int32 version, int32 minimum compatible version
 *   chunks   repeated { int32 compressed length (big-endian), raw snappy block }
 * </pre>
 *
 * <p>We parse the framing ourselves rather than use {@code SnappyInputStream}, because that stream allocates
 * whatever a chunk header claims (up to 512 MiB) before reading it. Here a chunk's length is checked against
 * the bytes actually present, and its uncompressed length against the sink's limit, before anything is
 * allocated.
 */
final class SnappyCodec extends CompressionCodec {
    static final SnappyCodec INSTANCE = new SnappyCodec();
    private static final byte[] MAGIC = {(byte) 0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0};
    private static final int HEADER_BYTES = MAGIC.length + 2 * Integer.BYTES;

    private SnappyCodec() {
        super(CompressionType.SNAPPY);
    }

    @Override
    OutputStream compressing(OutputStream sink) {
        return new SnappyOutputStream(sink);
    }

    @Override
    void decompressInto(ByteBuffer compressed, BoundedSink sink) throws IOException {
        if (compressed.remaining() < HEADER_BYTES
            || !compressed.slice(compressed.position(), MAGIC.length).equals(ByteBuffer.wrap(MAGIC))) {
            throw new CorruptRecordException("snappy records do not start with the snappy-java stream header");
        }
        compressed.position(compressed.position() + HEADER_BYTES); // versions: every release reads version 1
        while (compressed.hasRemaining()) {
            if (compressed.remaining() < Integer.BYTES) {
                throw new CorruptRecordException("snappy chunk header is truncated");
            }
            int chunkBytes = compressed.getInt();
            if (chunkBytes < 0 || chunkBytes > compressed.remaining()) {
                throw new CorruptRecordException("snappy chunk claims " + chunkBytes + " bytes, "
                    + compressed.remaining() + " remain");
            }
            byte[] chunk = new byte[chunkBytes];
            compressed.get(chunk);
            int uncompressedBytes = Snappy.uncompressedLength(chunk, 0, chunkBytes);
            if (uncompressedBytes < 0) {
                throw new CorruptRecordException("snappy chunk declares a negative uncompressed length");
            }
            sink.reserve(uncompressedBytes);
            byte[] uncompressed = new byte[uncompressedBytes];
            Snappy.uncompress(chunk, 0, chunkBytes, uncompressed, 0);
            sink.write(uncompressed, 0, uncompressedBytes);
        }
    }
}
