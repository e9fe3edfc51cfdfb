package io.sluice.log.record;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream.BLOCKSIZE;
import net.jpountz.lz4.LZ4FrameOutputStream.FLG;

/**
 * The LZ4 frame format (magic 0x184D2204) in the shape kafka-clients writes for magic 2: independent blocks of
 * at most 64 KiB, no block checksums, no content size, no content checksum, and a correct header checksum
 * (magic 0 batches had a broken one; they are not supported here). The reader accepts any valid frame, so
 * frames with checksums or a content size from other clients read too.
 *
 * <p>Decompression buffers are bounded by the frame's declared maximum block size (at most 4 MiB).
 */
final class Lz4Codec extends CompressionCodec {
    static final Lz4Codec INSTANCE = new Lz4Codec();

    private Lz4Codec() {
        super(CompressionType.LZ4);
    }

    @Override
    OutputStream compressing(OutputStream sink) throws IOException {
        return new LZ4FrameOutputStream(sink, BLOCKSIZE.SIZE_64KB, FLG.Bits.BLOCK_INDEPENDENCE);
    }

    @Override
    void decompressInto(ByteBuffer compressed, BoundedSink sink) throws IOException {
        try (LZ4FrameInputStream in = new LZ4FrameInputStream(new ByteBufferInputStream(compressed))) {
            sink.readFrom(in);
        }
    }
}
