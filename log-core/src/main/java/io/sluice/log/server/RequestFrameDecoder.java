package io.sluice.log.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * First pipeline stage: cuts the byte stream into Kafka request frames ({@code int32 size} then {@code size}
 * bytes) and emits each frame as a heap {@link ByteBuffer}.
 *
 * <p>The frame is copied out of Netty's pooled buffer on purpose: kafka-clients' parsed requests keep slices of
 * the buffer they were parsed from (a Produce request's records are views, not copies), and the request outlives
 * this read — it is handled on a request thread and may sit in a purgatory. A heap buffer owned by the request is
 * the simplest correct lifetime (Kafka's own network layer also reads each request into a fresh heap buffer).
 *
 * <p>A size that is negative, larger than {@code socket.request.max.bytes}, or too small to hold a request header
 * closes the connection before any buffer is allocated for it. Event loop only.
 */
final class RequestFrameDecoder extends ByteToMessageDecoder {
    /** api_key (2) + api_version (2) + correlation_id (4): nothing shorter can be a request. */
    static final int MIN_REQUEST_BYTES = 8;

    private final int maxRequestBytes;

    RequestFrameDecoder(int maxRequestBytes) {
        this.maxRequestBytes = maxRequestBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (Connections.isClosing(ctx.channel())) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < Integer.BYTES) {
            return;
        }
        int size = in.getInt(in.readerIndex());
        String problem = null;
        if (size < 0) {
            problem = "negative request size " + size;
        } else if (size > maxRequestBytes) {
            problem = "request size " + size + " exceeds socket.request.max.bytes=" + maxRequestBytes;
        } else if (size < MIN_REQUEST_BYTES) {
            problem = "request size " + size + " is too small for a request header";
        }
        if (problem != null) {
            in.skipBytes(in.readableBytes());
            Connections.close(ctx.channel(), problem);
            return;
        }
        if (in.readableBytes() < Integer.BYTES + size) {
            return;
        }
        in.skipBytes(Integer.BYTES);
        ByteBuffer frame = ByteBuffer.allocate(size);
        in.readBytes(frame);
        out.add(frame.flip());
    }
}
