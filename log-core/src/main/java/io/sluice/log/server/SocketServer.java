package io.sluice.log.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.protocol.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker's network front: a Netty NIO server that speaks the Kafka wire protocol and hands each request to
 * the {@link ApiHandler} registered for its API key.
 *
 * <pre>
 *  socket ─▶ RequestFrameDecoder ─▶ RequestDecoder ─────────▶ RequestDispatcher ─▶ SendFileRegion ─▶ socket
 *            int32 size, limit      RequestHeader.parse +      handle() on the       kafka-clients Send,
 *            socket.request.        AbstractRequest.           request pool; write   sendfile for file-backed
 *            max.bytes; one copy    parseRequest               back in request order records
 * </pre>
 *
 * <p>Threading contract:
 * <ul>
 *   <li><b>Event loops</b> ({@code num.network.threads}, named {@code sluice-network-*}): accept, read, frame,
 *       parse, and write. They never touch the disk and never wait: a handler is never called on them.</li>
 *   <li><b>Request pool</b> ({@code num.io.threads}, {@code sluice-request-*}): calls {@link ApiHandler#handle}
 *       — one call at a time per connection, in request order — and serializes responses. Handlers may do disk
 *       I/O here; work that must wait (acks=all, long-poll fetch, JoinGroup) returns an incomplete future and
 *       parks in a {@link DelayedOperationPurgatory} instead of holding the thread.</li>
 *   <li><b>Purgatory timer threads</b> and log threads may complete futures; the server moves the response
 *       back to the request pool and then to the connection's event loop.</li>
 * </ul>
 *
 * <p>Invariants: responses on a connection are written in request order; every request that expects a response
 * gets one or its connection is closed; a protocol violation (bad frame size, unparsable header or body,
 * unknown key, unserved version) closes only that connection, logged once with the remote address and the
 * reason. ApiVersions is always served, by an {@link ApiVersionsHandler} built from the other handlers.
 *
 * <p>States: new → {@link #start() started} → {@link #close() closed}; not restartable. {@code close()} stops
 * accepting, stops reading, waits (bounded) for responses in flight to be written, then closes connections and
 * threads.
 */
public final class SocketServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SocketServer.class);
    /** How long {@link #close()} waits for in-flight responses before closing connections anyway. */
    public static final long DEFAULT_CLOSE_TIMEOUT_MS = 5_000;

    private final String host;
    private final int port;
    private final int maxRequestBytes;
    private final int networkThreads;
    private final int requestThreads;
    private final long closeTimeoutMs;
    private final Map<ApiKeys, ApiHandler> handlers;
    private final ApiVersionsHandler apiVersions;
    private final Set<ApiKeys> pooledFrameKeys;
    private final InFlightRequests inFlight = new InFlightRequests();
    private final AtomicLong connectionIndex = new AtomicLong();
    private volatile boolean draining;

    private EventLoopGroup acceptGroup;
    private EventLoopGroup networkGroup;
    private ThreadPoolExecutor requestPool;
    private ChannelGroup connections;
    private Channel serverChannel;
    private volatile InetSocketAddress boundAddress;
    private boolean started;
    private boolean closed;

    /** A server configured from {@code config}: host, port, request size limit, thread counts. */
    public SocketServer(BrokerConfig config, Collection<? extends ApiHandler> handlers) {
        this(config.host(), config.port(), config.socketRequestMaxBytes(), config.numNetworkThreads(),
            config.numIoThreads(), DEFAULT_CLOSE_TIMEOUT_MS, handlers);
    }

    /**
     * @param port 0 for an ephemeral port (see {@link #boundPort()})
     * @param handlers one per API key, ApiVersions excluded (the server builds it from these)
     */
    public SocketServer(String host, int port, int maxRequestBytes, int networkThreads, int requestThreads,
                        long closeTimeoutMs, Collection<? extends ApiHandler> handlers) {
        this.host = Objects.requireNonNull(host, "host");
        requireAtLeast("port", port, 0);
        requireAtLeast("maxRequestBytes", maxRequestBytes, RequestFrameDecoder.MIN_REQUEST_BYTES);
        requireAtLeast("networkThreads", networkThreads, 1);
        requireAtLeast("requestThreads", requestThreads, 1);
        requireAtLeast("closeTimeoutMs", closeTimeoutMs, 0);
        this.port = port;
        this.maxRequestBytes = maxRequestBytes;
        this.networkThreads = networkThreads;
        this.requestThreads = requestThreads;
        this.closeTimeoutMs = closeTimeoutMs;
        Map<ApiKeys, ApiHandler> byKey = new EnumMap<>(ApiKeys.class);
        for (ApiHandler handler : handlers) {
            if (handler.oldestVersion() > handler.latestVersion()) {
                throw new IllegalArgumentException(handler.apiKey() + " handler serves no version: "
                    + handler.oldestVersion() + " > " + handler.latestVersion());
            }
            if (byKey.put(handler.apiKey(), handler) != null) {
                throw new IllegalArgumentException("Two handlers for " + handler.apiKey());
            }
        }
        this.apiVersions = new ApiVersionsHandler(byKey.values());
        byKey.put(ApiKeys.API_VERSIONS, apiVersions);
        this.handlers = Collections.unmodifiableMap(byKey);
        Set<ApiKeys> pooled = EnumSet.noneOf(ApiKeys.class);
        byKey.values().stream().filter(ApiHandler::releasesRequestOnReturn).forEach(h -> pooled.add(h.apiKey()));
        this.pooledFrameKeys = Collections.unmodifiableSet(pooled);
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalStateException if already started or closed
     * @throws io.netty.channel.ChannelException (or the bind's cause) if the address cannot be bound
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("SocketServer can be started once; started=" + started
                + ", closed=" + closed);
        }
        started = true;
        acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sluice-accept", true),
            NioIoHandler.newFactory());
        networkGroup = new MultiThreadIoEventLoopGroup(networkThreads,
            new DefaultThreadFactory("sluice-network", true), NioIoHandler.newFactory());
        AtomicInteger requestThreadIndex = new AtomicInteger();
        requestPool = new ThreadPoolExecutor(requestThreads, requestThreads, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "sluice-request-" + requestThreadIndex.getAndIncrement());
                thread.setDaemon(true);
                return thread;
            });
        connections = new DefaultChannelGroup("sluice-connections", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(acceptGroup, networkGroup)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .option(ChannelOption.SO_BACKLOG, 128)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.SO_KEEPALIVE, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    connections.add(channel);
                    channel.pipeline().addLast("frames", new RequestFrameDecoder(maxRequestBytes, pooledFrameKeys));
                    channel.pipeline().addLast("requests", new RequestDecoder(handlers));
                    channel.pipeline().addLast("dispatch", new RequestDispatcher(handlers, apiVersions, requestPool,
                        inFlight, connectionId(channel), () -> draining));
                }
            });
        try {
            serverChannel = bootstrap.bind(host, port).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdownThreads();
            closed = true;
            throw e;
        }
        boundAddress = (InetSocketAddress) serverChannel.localAddress();
        LOG.info("Listening on {} for {} APIs", boundAddress, handlers.size());
    }

    /** The bound port (the ephemeral one when configured with 0). */
    public int boundPort() {
        return boundAddress().getPort();
    }

    public InetSocketAddress boundAddress() {
        InetSocketAddress address = boundAddress;
        if (address == null) {
            throw new IllegalStateException("SocketServer is not started");
        }
        return address;
    }

    /** What ApiVersions advertises. */
    public ApiVersionsHandler apiVersions() {
        return apiVersions;
    }

    /** Requests read but not yet answered, across connections (for metrics and tests). */
    public long inFlightRequests() {
        return inFlight.count();
    }

    /**
     * Graceful, bounded shutdown: stop accepting, stop reading, wait up to the close timeout for in-flight
     * responses to be written, then close every connection and stop the threads. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (!started) {
            return;
        }
        draining = true;
        serverChannel.close().syncUninterruptibly();
        for (Channel connection : connections) {
            connection.config().setAutoRead(false);
        }
        try {
            if (!inFlight.awaitDrained(closeTimeoutMs)) {
                LOG.warn("Closing with {} requests still unanswered after {} ms", inFlight.count(), closeTimeoutMs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.close().awaitUninterruptibly(closeTimeoutMs);
        shutdownThreads();
        LOG.info("Stopped listening on {}", boundAddress);
    }

    private void shutdownThreads() {
        requestPool.shutdown();
        acceptGroup.shutdownGracefully(0, closeTimeoutMs, TimeUnit.MILLISECONDS);
        networkGroup.shutdownGracefully(0, closeTimeoutMs, TimeUnit.MILLISECONDS);
        try {
            if (!requestPool.awaitTermination(closeTimeoutMs, TimeUnit.MILLISECONDS)) {
                requestPool.shutdownNow();
            }
            acceptGroup.terminationFuture().await(closeTimeoutMs);
            networkGroup.terminationFuture().await(closeTimeoutMs);
        } catch (InterruptedException e) {
            requestPool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Kafka's connection id shape, {@code local-remote-index}: unique for the server's lifetime. */
    private String connectionId(SocketChannel channel) {
        return address(channel.localAddress()) + "-" + address(channel.remoteAddress()) + "-"
            + connectionIndex.getAndIncrement();
    }

    private static String address(InetSocketAddress address) {
        return address == null ? "?" : address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private static void requireAtLeast(String name, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be at least " + min + " but was " + value);
        }
    }
}
