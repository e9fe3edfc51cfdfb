package io.sluice.log.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.RequestHeader;

/**
 * Second pipeline stage: parses a frame with kafka-clients ({@link RequestHeader#parse},
 * {@link AbstractRequest#parseRequest}) into an {@link InboundRequest}. Parsing is CPU-only and, for records,
 * zero-copy (views over the frame), so it stays on the event loop like Kafka's network threads.
 *
 * <p>What Kafka does with a request it cannot serve, we do too — close the connection, logged once:
 * unparsable header (including an unknown API key), an API with no handler here, a version outside the
 * handler's range, and a body that does not parse (truncated, garbage, absurd array counts). The one exception
 * is ApiVersions at a version we do not serve: it is passed on with no body so the dispatcher answers
 * UNSUPPORTED_VERSION (KIP-511), because a client cannot learn our versions any other way.
 *
 * <p>Frame ownership: the {@link InboundRequest} passed on owns its frame (the body holds views of it) and the
 * dispatcher {@linkplain InboundRequest#release() releases} it; a frame that becomes no request is released
 * here. Event loop only.
 */
final class RequestDecoder extends ChannelInboundHandlerAdapter {
    private final Map<ApiKeys, ApiHandler> handlers;

    RequestDecoder(Map<ApiKeys, ApiHandler> handlers) {
        this.handlers = handlers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        InboundRequest request = null;
        try {
            request = decode(ctx, frame);
        } finally {
            if (request == null) {
                frame.release();
            }
        }
        if (request != null) {
            ctx.fireChannelRead(request);
        }
    }

    /** The request in {@code frame}, or null if there is none to serve (the connection is then closing). */
    private InboundRequest decode(ChannelHandlerContext ctx, ByteBuf frame) {
        if (Connections.isClosing(ctx.channel())) {
            return null;
        }
        long receivedTimeMs = System.currentTimeMillis();
        int size = frame.readableBytes();
        ByteBuffer view = frame.nioBuffer();
        RequestHeader header;
        try {
            header = RequestHeader.parse(view);
        } catch (RuntimeException e) {
            Connections.close(ctx.channel(), "malformed request header: " + e.getMessage());
            return null;
        }
        ApiKeys apiKey = header.apiKey();
        short version = header.apiVersion();
        ApiHandler handler = handlers.get(apiKey);
        boolean served = handler != null && version >= handler.oldestVersion() && version <= handler.latestVersion();
        if (!served && apiKey == ApiKeys.API_VERSIONS) {
            return new InboundRequest(header, null, size, receivedTimeMs, frame);
        }
        if (handler == null) {
            Connections.close(ctx.channel(), "no handler for API " + apiKey + " (key " + apiKey.id + ")");
            return null;
        }
        if (!served) {
            Connections.close(ctx.channel(), "unsupported version " + version + " of " + apiKey + " (served: "
                + handler.oldestVersion() + " to " + handler.latestVersion() + ")");
            return null;
        }
        AbstractRequest body;
        try {
            body = AbstractRequest.parseRequest(apiKey, version, new ByteBufferAccessor(view)).request;
        } catch (RuntimeException e) {
            Connections.close(ctx.channel(), "malformed " + apiKey + " v" + version + " request (correlation id "
                + header.correlationId() + "): " + e);
            return null;
        }
        return new InboundRequest(header, body, size, receivedTimeMs, frame);
    }

    /**
     * A parsed request and the frame its body views; {@code body} is null only for an ApiVersions request of a
     * version we do not serve.
     */
    record InboundRequest(RequestHeader header, AbstractRequest body, int sizeBytes, long receivedTimeMs,
                          ByteBuf frame) {
        /**
         * Gives the frame back: called once, when the handler has returned (or the request is dropped). A pooled
         * frame is recycled at once, so only requests of handlers that {@linkplain
         * ApiHandler#releasesRequestOnReturn() keep no view} get one; a heap frame lives on while views do.
         */
        void release() {
            frame.release();
        }
    }
}
