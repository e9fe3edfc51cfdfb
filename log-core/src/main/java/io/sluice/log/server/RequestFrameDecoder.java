package io.sluice.log.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Set;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * First pipeline stage: cuts the byte stream into Kafka request frames ({@code int32 size} then {@code size}
 * bytes) and emits each frame as a {@link ByteBuf} of exactly that size, which the next stage owns.
 *
 * <p>Each frame is filled straight from the socket's read buffers, once: no cumulation buffer that grows (and
 * is copied) while a large produce request arrives in pieces. Where the frame lives depends on its API key,
 * read from the two bytes after the size:
 * <ul>
 *   <li>Keys in {@code pooledKeys} (those whose handler keeps no view of the request once
 *       {@link ApiHandler#handle} returns, see {@link ApiHandler#releasesRequestOnReturn()}): pooled direct memory.
 *       A produce request's records then reach the log file without another copy (a heap buffer would be copied
 *       into a temporary direct buffer by {@code FileChannel.write}) and a 1 MiB batch allocates no humongous
 *       heap array. The frame is released when {@code handle()} returns.</li>
 *   <li>Every other key: a heap array the request owns, because kafka-clients' parsed requests keep slices of
 *       the buffer they were parsed from and such a request may outlive its handler call (a purgatory, a group
 *       coordinator). Releasing it frees nothing; the garbage collector does once no view remains.</li>
 * </ul>
 *
 * <p>A size that is negative, larger than {@code socket.request.max.bytes}, or too small to hold a request header
 * closes the connection before any buffer is allocated for it. Event loop only.
 */
final class RequestFrameDecoder extends ChannelInboundHandlerAdapter {
    /** api_key (2) + api_version (2) + correlation_id (4): nothing shorter can be a request. */
    static final int MIN_REQUEST_BYTES = 8;
    /** The size, then the api_key that starts every request header. */
    private static final int PREFIX_BYTES = Integer.BYTES + Short.BYTES;

    private final int maxRequestBytes;
    private final Set<ApiKeys> pooledKeys;
    /** The prefix of the next frame, while it arrives. */
    private final ByteBuf prefix = Unpooled.buffer(PREFIX_BYTES, PREFIX_BYTES);
    /** The frame being filled; null between frames. */
    private ByteBuf frame;

    RequestFrameDecoder(int maxRequestBytes, Set<ApiKeys> pooledKeys) {
        this.maxRequestBytes = maxRequestBytes;
        this.pooledKeys = pooledKeys;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        try {
            while (in.isReadable() && !Connections.isClosing(ctx.channel())) {
                if (frame == null && !startFrame(ctx, in)) {
                    return;
                }
                frame.writeBytes(in, Math.min(in.readableBytes(), frame.writableBytes()));
                if (!frame.isWritable()) {
                    ByteBuf complete = frame;
                    frame = null;
                    ctx.fireChannelRead(complete);
                }
            }
        } finally {
            in.release();
        }
    }

    /**
     * Reads the prefix from {@code in}; once it is whole and the size is valid, allocates the frame with the
     * api_key already in it. Returns false while the prefix is incomplete or after closing on a bad size.
     */
    private boolean startFrame(ChannelHandlerContext ctx, ByteBuf in) {
        prefix.writeBytes(in, Math.min(in.readableBytes(), prefix.writableBytes()));
        if (prefix.readableBytes() < Integer.BYTES) {
            return false;
        }
        String problem = sizeProblem(prefix.getInt(0));
        if (problem != null) {
            Connections.close(ctx.channel(), problem);
            return false;
        }
        if (prefix.isWritable()) {
            return false;
        }
        int size = prefix.getInt(0);
        short apiKey = prefix.getShort(Integer.BYTES);
        frame = ApiKeys.hasId(apiKey) && pooledKeys.contains(ApiKeys.forId(apiKey))
            ? ctx.alloc().directBuffer(size, size)
            : Unpooled.wrappedBuffer(new byte[size]).clear();
        frame.writeBytes(prefix, Integer.BYTES, Short.BYTES);
        prefix.clear();
        return true;
    }

    private String sizeProblem(int size) {
        if (size < 0) {
            return "negative request size " + size;
        } else if (size > maxRequestBytes) {
            return "request size " + size + " exceeds socket.request.max.bytes=" + maxRequestBytes;
        } else if (size < MIN_REQUEST_BYTES) {
            return "request size " + size + " is too small for a request header";
        }
        return null;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (frame != null) {
            frame.release(); // a frame cut short by the connection closing
            frame = null;
        }
    }
}
