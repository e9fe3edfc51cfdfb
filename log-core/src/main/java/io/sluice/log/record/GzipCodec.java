package io.sluice.log.record;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** GZIP (RFC 1952) members, as {@code java.util.zip} writes them; kafka-clients uses the same streams. */
final class GzipCodec extends CompressionCodec {
    static final GzipCodec INSTANCE = new GzipCodec();
    private static final int BUFFER_BYTES = 8 * 1024;

    private GzipCodec() {
        super(CompressionType.GZIP);
    }

    @Override
    OutputStream compressing(OutputStream sink) throws IOException {
        return new GZIPOutputStream(sink, BUFFER_BYTES);
    }

    @Override
    void decompressInto(ByteBuffer compressed, BoundedSink sink) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteBufferInputStream(compressed), BUFFER_BYTES)) {
            sink.readFrom(in);
        }
    }
}
