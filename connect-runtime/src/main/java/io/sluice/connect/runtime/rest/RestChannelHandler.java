package io.sluice.connect.runtime.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty stage that serves one connection's HTTP requests. The event loop only copies the request out; routing,
 * the herder call and JSON writing run on the request executor because herder calls may block (stopping a task waits
 * for it). The response is written back through the channel, which hands it to the event loop.
 *
 * <p>The router is supplied per request because the server binds before the API is installed; until then requests
 * are answered 503. Every request gets exactly one answer: an endpoint's failure becomes an {@code ErrorMessage} via
 * {@link RestErrors}, and a full executor answers 503 rather than leaving the client waiting.
 */
final class RestChannelHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(RestChannelHandler.class);

    private final Supplier<RestRouter> router;
    private final ObjectMapper mapper;
    private final Executor requestExecutor;

    RestChannelHandler(Supplier<RestRouter> router, ObjectMapper mapper, Executor requestExecutor) {
        this.router = router;
        this.mapper = mapper;
        this.requestExecutor = requestExecutor;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        HttpMethod method = request.method();
        String uri = request.uri();
        if (request.decoderResult().isFailure()) {
            write(ctx, errorResponse(method.name(), uri, new ConnectRestException(400,
                "Malformed HTTP request: " + request.decoderResult().cause().getMessage())), false);
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String host = request.headers().get(HttpHeaderNames.HOST);
        try {
            requestExecutor.execute(() -> {
                FullHttpResponse response = serve(method, uri, body, host);
                write(ctx, response, keepAlive);
            });
        } catch (RejectedExecutionException e) {
            write(ctx, errorResponse(method.name(), uri,
                new ConnectRestException(503, "The REST server is shutting down or overloaded")), false);
        }
    }

    private FullHttpResponse serve(HttpMethod method, String uri, byte[] body, String host) {
        try {
            QueryStringDecoder decoder = new QueryStringDecoder(uri);
            RestRouter routes = router.get();
            if (routes == null) {
                throw new ConnectRestException(503, "The Connect worker is starting; retry shortly");
            }
            RestRouter.Match match = routes.route(method, RestPaths.segments(decoder.rawPath()));
            RestResponse answer = match.endpoint().handle(
                new RestRequest(match.pathParams(), decoder.parameters(), body, mapper));
            FullHttpResponse response = response(HttpResponseStatus.valueOf(answer.status()), answer.entity());
            if (answer.location() != null) {
                String base = host == null ? "" : "http://" + host;
                response.headers().set(HttpHeaderNames.LOCATION, base + answer.location());
            }
            return response;
        } catch (Exception | Error failure) {
            return errorResponse(method.name(), uri, failure);
        }
    }

    private FullHttpResponse errorResponse(String method, String uri, Throwable failure) {
        var error = RestErrors.toErrorMessage(method, uri, failure);
        try {
            return response(HttpResponseStatus.valueOf(error.errorCode()), error);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An ErrorMessage must always serialise", e);
        }
    }

    private FullHttpResponse response(HttpResponseStatus status, Object entity) throws JsonProcessingException {
        byte[] json = entity == null ? new byte[0] : mapper.writeValueAsBytes(entity);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.wrappedBuffer(json));
        if (entity != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        HttpUtil.setContentLength(response, json.length);
        return response;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        var written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("REST connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }
}
