package io.sluice.log.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.List;
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
 */
final class RequestDecoder extends MessageToMessageDecoder<ByteBuffer> {
    private final Map<ApiKeys, ApiHandler> handlers;

    RequestDecoder(Map<ApiKeys, ApiHandler> handlers) {
        super(ByteBuffer.class);
        this.handlers = handlers;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuffer frame, List<Object> out) {
        if (Connections.isClosing(ctx.channel())) {
            return;
        }
        long receivedTimeMs = System.currentTimeMillis();
        int size = frame.remaining();
        RequestHeader header;
        try {
            header = RequestHeader.parse(frame);
        } catch (RuntimeException e) {
            Connections.close(ctx.channel(), "malformed request header: " + e.getMessage());
            return;
        }
        ApiKeys apiKey = header.apiKey();
        short version = header.apiVersion();
        ApiHandler handler = handlers.get(apiKey);
        boolean served = handler != null && version >= handler.oldestVersion() && version <= handler.latestVersion();
        if (!served && apiKey == ApiKeys.API_VERSIONS) {
            out.add(new InboundRequest(header, null, size, receivedTimeMs));
            return;
        }
        if (handler == null) {
            Connections.close(ctx.channel(), "no handler for API " + apiKey + " (key " + apiKey.id + ")");
            return;
        }
        if (!served) {
            Connections.close(ctx.channel(), "unsupported version " + version + " of " + apiKey + " (served: "
                + handler.oldestVersion() + " to " + handler.latestVersion() + ")");
            return;
        }
        AbstractRequest body;
        try {
            body = AbstractRequest.parseRequest(apiKey, version, new ByteBufferAccessor(frame)).request;
        } catch (RuntimeException e) {
            Connections.close(ctx.channel(), "malformed " + apiKey + " v" + version + " request (correlation id "
                + header.correlationId() + "): " + e);
            return;
        }
        out.add(new InboundRequest(header, body, size, receivedTimeMs));
    }

    /** A parsed request; {@code body} is null only for an ApiVersions request of a version we do not serve. */
    record InboundRequest(RequestHeader header, AbstractRequest body, int sizeBytes, long receivedTimeMs) {
    }
}
