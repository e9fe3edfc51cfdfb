package io.sluice.log.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.sluice.log.server.RequestDecoder.InboundRequest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.common.network.Send;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last pipeline stage, one instance per connection: runs each request's {@link ApiHandler} on the request pool
 * and writes the responses back in request order.
 *
 * <p>Threading and ordering:
 * <ul>
 *   <li>{@code handle()} calls for one connection run one at a time, in request order, on the request pool
 *       ({@link SerialExecutor}); the next call starts when the previous one <em>returns</em>, not when its
 *       future completes. So a producer's pipelined appends reach the log in the order it sent them (as with
 *       Kafka, which reads one request per connection at a time), while delayed responses still overlap.</li>
 *   <li>A future may complete on any thread (request thread, log flusher, purgatory timer). The response is
 *       serialized on the request pool — never on the completing thread, which may be a flusher, and never on
 *       the event loop — then handed to the connection's event loop.</li>
 *   <li>On the event loop, {@link #responseOrder} holds one slot per request that expects a response, in
 *       request order; a completed response is written only once every earlier slot has been written. Clients
 *       match responses by correlation id but require them in order, and Kafka guarantees it.</li>
 *   <li>acks=0 Produce gets no slot: nothing is written and later responses never wait for it. If it fails,
 *       the connection is closed (Kafka does the same; it is the only way an acks=0 producer learns of it).</li>
 * </ul>
 *
 * <p>Backpressure: more than {@value #MAX_IN_FLIGHT} unanswered requests on one connection stop reading from
 * its socket until half have been answered, so a client that pipelines without reading cannot grow our memory
 * without bound.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(SocketServer.class);
    static final int MAX_IN_FLIGHT = 100;

    private final Map<ApiKeys, ApiHandler> handlers;
    private final ApiVersionsHandler apiVersions;
    private final Executor requestPool;
    private final SerialExecutor handlerCalls;
    private final InFlightRequests serverInFlight;
    private final String connectionId;
    private final BooleanSupplier serverDraining;

    // Event loop only.
    private final ArrayDeque<ResponseSlot> responseOrder = new ArrayDeque<>();
    private int inFlight;
    private boolean inactive;

    RequestDispatcher(Map<ApiKeys, ApiHandler> handlers, ApiVersionsHandler apiVersions, Executor requestPool,
                      InFlightRequests serverInFlight, String connectionId, BooleanSupplier serverDraining) {
        this.handlers = handlers;
        this.apiVersions = apiVersions;
        this.requestPool = requestPool;
        this.handlerCalls = new SerialExecutor(requestPool);
        this.serverInFlight = serverInFlight;
        this.connectionId = connectionId;
        this.serverDraining = serverDraining;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        InboundRequest request = (InboundRequest) msg;
        Channel channel = ctx.channel();
        if (inactive || Connections.isClosing(channel)) {
            request.release();
            return;
        }
        RequestHeader header = request.header();
        serverInFlight.begin();
        if (++inFlight >= MAX_IN_FLIGHT) {
            channel.config().setAutoRead(false);
        }
        if (request.body() == null) {
            // ApiVersions at a version we do not serve: answer at once, body v0 and header v0.
            request.release();
            ResponseSlot slot = new ResponseSlot();
            responseOrder.add(slot);
            slot.send = apiVersions.unsupportedVersionResponse()
                .toSend(new ResponseHeader(header.correlationId(), (short) 0), (short) 0);
            drain(ctx);
            return;
        }
        boolean noResponse = request.body() instanceof ProduceRequest produce && produce.acks() == 0;
        ResponseSlot slot = noResponse ? null : new ResponseSlot();
        if (slot != null) {
            responseOrder.add(slot);
        }
        RequestContext context = new RequestContext(header, clientAddress(channel), connectionId,
            request.receivedTimeMs());
        ApiHandler handler = handlers.get(header.apiKey());
        try {
            handlerCalls.execute(() -> invoke(ctx, handler, context, request, slot));
        } catch (RejectedExecutionException e) {
            request.release();
            Connections.close(channel, "server is shutting down");
        }
    }

    /** Request pool: calls the handler, gives the request's frame back, and arranges for the response. */
    private void invoke(ChannelHandlerContext ctx, ApiHandler handler, RequestContext context, InboundRequest request,
                        ResponseSlot slot) {
        AbstractRequest body = request.body();
        CompletableFuture<? extends AbstractResponse> future;
        try {
            future = handler.handle(context, body);
            if (future == null) {
                throw new IllegalStateException(handler.getClass().getName() + " returned no future");
            }
        } catch (Throwable t) { // a handler bug must still get the client an answer and keep the order intact
            future = CompletableFuture.failedFuture(t);
        } finally {
            request.release();
        }
        if (future.isDone()) {
            // Common case: answered synchronously, already on a request thread.
            future.whenComplete((response, failure) -> respond(ctx, context, body, slot, response, failure));
        } else {
            future.whenCompleteAsync((response, failure) -> respond(ctx, context, body, slot, response, failure),
                requestPool);
        }
    }

    /** Request pool: turns the outcome into bytes (or a close) and hands it to the event loop. */
    private void respond(ChannelHandlerContext ctx, RequestContext context, AbstractRequest body, ResponseSlot slot,
                         AbstractResponse response, Throwable failure) {
        RequestHeader header = context.header();
        if (failure != null) {
            logFailure(ctx.channel(), header, failure);
        }
        if (slot == null) {
            serverInFlight.end();
            boolean failed = failure != null || (response != null && hasError(response));
            onEventLoop(ctx, () -> {
                inFlight--;
                if (failed) {
                    Connections.close(ctx.channel(), "acks=0 produce request (correlation id "
                        + header.correlationId() + ") failed; closing so the producer notices");
                }
                resumeReadingIfDrained(ctx);
            });
            return;
        }
        Send send = null;
        String closeReason = null;
        try {
            AbstractResponse answer = response;
            if (failure != null) {
                answer = body.getErrorResponse(ErrorMapping.toException(failure));
            } else if (answer == null) {
                throw new IllegalStateException("Handler for " + header.apiKey() + " completed with no response");
            }
            short headerVersion = header.apiKey() == ApiKeys.API_VERSIONS
                ? 0 // always v0, so a client that sent a newer version can still read the header
                : header.apiKey().responseHeaderVersion(header.apiVersion());
            send = answer.toSend(new ResponseHeader(header.correlationId(), headerVersion), header.apiVersion());
        } catch (RuntimeException e) {
            LOG.error("Could not build the response to {} v{} (correlation id {}) from {}", header.apiKey(),
                header.apiVersion(), header.correlationId(), ctx.channel().remoteAddress(), e);
            closeReason = "could not build the response to " + header.apiKey() + " (correlation id "
                + header.correlationId() + "): " + e;
        }
        Send ready = send;
        String reason = closeReason;
        onEventLoop(ctx, () -> {
            slot.send = ready;
            slot.ready = true;
            if (reason != null) {
                Connections.close(ctx.channel(), reason);
            }
            drain(ctx);
        });
    }

    /** Event loop: writes every response whose predecessors have all been written. */
    private void drain(ChannelHandlerContext ctx) {
        if (inactive) {
            return;
        }
        boolean wrote = false;
        while (!responseOrder.isEmpty() && responseOrder.peek().isReady()) {
            ResponseSlot slot = responseOrder.poll();
            inFlight--;
            if (slot.send == null || Connections.isClosing(ctx.channel())) {
                serverInFlight.end();
                continue;
            }
            ctx.write(new SendFileRegion(slot.send)).addListener(written -> serverInFlight.end());
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
        resumeReadingIfDrained(ctx);
    }

    private void resumeReadingIfDrained(ChannelHandlerContext ctx) {
        Channel channel = ctx.channel();
        if (!channel.config().isAutoRead() && inFlight < MAX_IN_FLIGHT / 2 && !Connections.isClosing(channel)
            && !serverDraining.getAsBoolean()) { // a closing server reads no new requests
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        inactive = true;
        // Responses still to come will find no slot to fill; release their share of the server's count now.
        for (int i = 0; i < responseOrder.size(); i++) {
            serverInFlight.end();
        }
        responseOrder.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            // A reset or broken pipe from the client: routine, not worth a warning.
            LOG.debug("I/O error on connection from {}", ctx.channel().remoteAddress(), cause);
            ctx.close();
        } else {
            Connections.close(ctx.channel(), "unexpected error: " + cause);
        }
    }

    private static void onEventLoop(ChannelHandlerContext ctx, Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            // The event loop is gone (server closed): the connection is closed with it, nothing to write.
        }
    }

    private static boolean hasError(AbstractResponse response) {
        return response.errorCounts().keySet().stream().anyMatch(error -> error != Errors.NONE);
    }

    private static void logFailure(Channel channel, RequestHeader header, Throwable failure) {
        if (ErrorMapping.toError(failure) == Errors.UNKNOWN_SERVER_ERROR) {
            LOG.error("Unexpected error handling {} v{} (correlation id {}) from {}", header.apiKey(),
                header.apiVersion(), header.correlationId(), channel.remoteAddress(), failure);
        } else {
            LOG.debug("{} v{} (correlation id {}) from {} failed: {}", header.apiKey(), header.apiVersion(),
                header.correlationId(), channel.remoteAddress(), failure.toString());
        }
    }

    private static InetAddress clientAddress(Channel channel) {
        return channel.remoteAddress() instanceof InetSocketAddress address ? address.getAddress() : null;
    }

    /** One expected response, in request order. Event loop only, except the hand-off of {@code send}. */
    private static final class ResponseSlot {
        Send send;
        boolean ready;

        ResponseSlot() {
        }

        boolean isReady() {
            return ready || send != null;
        }
    }
}
