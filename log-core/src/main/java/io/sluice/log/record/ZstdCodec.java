package io.sluice.log.record;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Zstandard frames via zstd-jni's streaming API, level 3 (kafka-clients' default). The NoFinalizer streams
 * free their native context on close, which try-with-resources guarantees, instead of waiting for GC.
 *
 * <p>Native memory per decompression is bounded by zstd's default window limit (2^27 bytes); we keep that
 * default rather than lowering it because kafka-clients at high levels may legitimately use large windows.
 */
final class ZstdCodec extends CompressionCodec {
    static final ZstdCodec INSTANCE = new ZstdCodec();
    private static final int LEVEL = 3;

    private ZstdCodec() {
        super(CompressionType.ZSTD);
    }

    @Override
    OutputStream compressing(OutputStream sink) throws IOException {
        return new ZstdOutputStreamNoFinalizer(sink, LEVEL);
    }

    @Override
    void decompressInto(ByteBuffer compressed, BoundedSink sink) throws IOException {
        try (ZstdInputStreamNoFinalizer in = new ZstdInputStreamNoFinalizer(new ByteBufferInputStream(compressed))) {
            sink.readFrom(in);
        }
    }
}
