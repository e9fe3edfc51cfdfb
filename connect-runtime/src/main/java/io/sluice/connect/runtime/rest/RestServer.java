package io.sluice.connect.runtime.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.sluice.connect.runtime.Herder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka Connect's REST API over Netty HTTP: {@code HttpServerCodec} and {@code HttpObjectAggregator} on one event loop,
 * a {@link RestChannelHandler} per connection, and a small request executor on which the herder is called.
 *
 * <p>Lifecycle: {@link #start()} binds the listener, {@link #serve(Herder)} installs the API, {@link #close()} stops
 * accepting and ends the threads. Binding comes first because the worker id is the REST URL, whose port is only known
 * once bound (port 0); requests that arrive in between are answered 503.
 *
 * <p>Listener: exactly one {@code http://host:port} ({@code listeners} worker key, default
 * {@value #DEFAULT_LISTENER}); port 0 binds a free port, reported by {@link #url()}; an empty host binds all
 * interfaces.
 */
public final class RestServer implements AutoCloseable {

    public static final String DEFAULT_LISTENER = "http://localhost:8083";

    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    private static final int REQUEST_THREADS = 4;
    private static final int REQUEST_QUEUE = 1024;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    private final String host;
    private final int port;
    private final ObjectMapper mapper = new ObjectMapper();
    private EventLoopGroup eventLoop;
    private ThreadPoolExecutor requestExecutor;
    private Channel serverChannel;
    private URI url;
    /** Null until {@link #serve}: read by request threads, hence volatile. */
    private volatile RestRouter router;

    /** @param listeners the {@code listeners} worker value: one {@code http://host:port} */
    public RestServer(List<String> listeners) {
        if (listeners.size() != 1) {
            throw new ConfigException("listeners", listeners, "Sluice serves exactly one REST listener");
        }
        URI listener = URI.create(listeners.get(0).trim());
        if (!"http".equalsIgnoreCase(listener.getScheme()) || listener.getPort() < 0) {
            throw new ConfigException("listeners", listeners.get(0),
                "Expected http://host:port (https is not supported)");
        }
        this.host = listener.getHost() == null ? "" : listener.getHost();
        this.port = listener.getPort();
    }

    /**
     * Binds the listener.
     *
     * @throws IllegalStateException if started before
     * @throws io.netty.channel.ChannelException or the bind's cause when the address is taken
     */
    public synchronized void start() {
        if (eventLoop != null) {
            throw new IllegalStateException("RestServer can be started once");
        }
        eventLoop = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sluice-connect-rest-io", true),
            NioIoHandler.newFactory());
        requestExecutor = new ThreadPoolExecutor(REQUEST_THREADS, REQUEST_THREADS, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(REQUEST_QUEUE), new DefaultThreadFactory("sluice-connect-rest", true));
        ServerBootstrap bootstrap = new ServerBootstrap()
            .group(eventLoop)
            .channel(NioServerSocketChannel.class)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast("http", new HttpServerCodec());
                    channel.pipeline().addLast("aggregate", new HttpObjectAggregator(MAX_BODY_BYTES));
                    channel.pipeline().addLast("rest", new RestChannelHandler(() -> router, mapper,
                        requestExecutor));
                }
            });
        try {
            serverChannel = (host.isEmpty() ? bootstrap.bind(port) : bootstrap.bind(host, port))
                .syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdownThreads();
            throw e;
        }
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        url = URI.create("http://" + (host.isEmpty() ? "localhost" : host) + ":" + bound.getPort() + "/");
        LOG.info("REST API listening on {} (bound to {})", url, bound);
    }

    /** Serves the API of {@code herder} from now on. */
    public void serve(Herder herder) {
        RestRouter routes = new RestRouter();
        new RootResource(herder).register(routes);
        new ConnectorsResource(herder).register(routes);
        new ConnectorPluginsResource(herder).register(routes);
        router = routes;
    }

    /** The URL the API answers on, with the actual port; e.g. {@code http://localhost:8083/}. */
    public synchronized URI url() {
        if (url == null) {
            throw new IllegalStateException("RestServer is not started");
        }
        return url;
    }

    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        shutdownThreads();
    }

    private void shutdownThreads() {
        if (eventLoop != null) {
            eventLoop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
        if (requestExecutor != null) {
            requestExecutor.shutdown();
        }
    }
}
