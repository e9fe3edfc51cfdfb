package io.sluice.connect.runtime.standalone;

import io.sluice.connect.runtime.Herder;
import io.sluice.connect.runtime.WorkerConfig;
import io.sluice.connect.runtime.isolation.Plugins;
import io.sluice.connect.runtime.rest.RestServer;
import io.sluice.log.embedded.EmbeddedBroker;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standalone mode: one worker, its REST API, the connectors given at start, and (when the worker config has no
 * {@code bootstrap.servers}) an embedded broker whose data lives under {@value #EMBEDDED_DATA_DIR}
 * (default {@value #DEFAULT_EMBEDDED_DATA_DIR}), so one command runs a whole pipeline.
 *
 * <p>Start order: broker, REST listener (its URL is the worker id), herder and worker, REST API, then
 * the given connectors; a connector that cannot be created stops everything, as in Kafka Connect. {@link #close()}
 * undoes it in reverse order and is idempotent. Programmatic use (the demo, tests):
 * <pre>{@code
 * try (ConnectStandalone connect = new ConnectStandalone(workerProps, List.of(connectorConfig))) {
 *     connect.start();
 *     URI api = connect.restUrl();
 * }
 * }</pre>
 * Threading: start and close from one thread; the accessors from any thread once started.
 */
public final class ConnectStandalone implements AutoCloseable {

    /** Worker key: folder of the embedded broker's data, used only when {@code bootstrap.servers} is absent. */
    public static final String EMBEDDED_DATA_DIR = "embedded.broker.data.dir";
    public static final String DEFAULT_EMBEDDED_DATA_DIR = "data/connect";

    private static final Logger LOG = LoggerFactory.getLogger(ConnectStandalone.class);

    private final Map<String, String> workerProps;
    private final List<Map<String, String>> connectorConfigs;
    private EmbeddedBroker broker;
    private RestServer rest;
    private StandaloneHerder herder;
    private String bootstrapServers;

    public ConnectStandalone(Map<String, String> workerProps, List<Map<String, String>> connectorConfigs) {
        this.workerProps = Map.copyOf(workerProps);
        this.connectorConfigs = List.copyOf(connectorConfigs);
    }

    /** Reads the worker properties file and the connector files (.properties or .json). */
    public static ConnectStandalone fromFiles(Path workerProperties, List<Path> connectorFiles) {
        List<Map<String, String>> connectors = new ArrayList<>();
        for (Path file : connectorFiles) {
            connectors.add(ConnectorConfigFiles.readConnector(file));
        }
        return new ConnectStandalone(ConnectorConfigFiles.readProperties(workerProperties), connectors);
    }

    /** @throws RuntimeException when any part fails to start; everything started so far is closed again */
    public synchronized void start() {
        if (herder != null) {
            throw new IllegalStateException("ConnectStandalone can be started once");
        }
        try {
            Map<String, String> props = new HashMap<>(workerProps);
            props.remove(EMBEDDED_DATA_DIR);
            if (new WorkerConfig(props).hasBootstrapServers()) {
                bootstrapServers = new WorkerConfig(props).bootstrapServers();
            } else {
                Path dataDir = Path.of(workerProps.getOrDefault(EMBEDDED_DATA_DIR, DEFAULT_EMBEDDED_DATA_DIR));
                broker = EmbeddedBroker.start(dataDir);
                bootstrapServers = broker.bootstrapServers();
                props.put(WorkerConfig.BOOTSTRAP_SERVERS, bootstrapServers);
                LOG.info("Started an embedded broker at {} with its data in {}", bootstrapServers, dataDir);
            }
            WorkerConfig config = new WorkerConfig(props);
            rest = new RestServer(config.getList(WorkerConfig.LISTENERS));
            rest.start();
            // The worker opens and closes the offset store.
            herder = new StandaloneHerder(workerId(config, rest.url()), config, new Plugins(config.pluginPath()),
                OffsetStores.forWorker(config));
            herder.start();
            rest.serve(herder);
            for (Map<String, String> connector : connectorConfigs) {
                herder.putConnectorConfig(connector.get("name"), connector, Herder.TargetState.RUNNING, false);
            }
            LOG.info("Kafka Connect REST API at {} ({} connector(s) started)", restUrl(), connectorConfigs.size());
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public URI restUrl() {
        return rest.url();
    }

    /** The brokers the worker uses: the configured ones or the embedded broker's address. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    public StandaloneHerder herder() {
        return herder;
    }

    @Override
    public synchronized void close() {
        if (rest != null) {
            rest.close();
            rest = null;
        }
        if (herder != null) {
            herder.close();
            herder = null;
        }
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    /** As in Kafka Connect: the advertised host:port of the REST API names the worker in statuses. */
    private static String workerId(WorkerConfig config, URI restUrl) {
        String host = config.getString(WorkerConfig.REST_ADVERTISED_HOST_NAME);
        Integer port = config.getInt(WorkerConfig.REST_ADVERTISED_PORT);
        return (host != null ? host : restUrl.getHost()) + ":" + (port != null ? port : restUrl.getPort());
    }

    /**
     * {@code ConnectStandalone worker.properties [connector.properties|connector.json ...]}: runs until the process is
     * terminated (SIGTERM, Ctrl-C), then shuts down cleanly.
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("Usage: ConnectStandalone worker.properties [connector.properties|connector.json ...]");
            throw new IllegalArgumentException("the worker properties file is required");
        }
        List<Path> connectors = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            connectors.add(Path.of(args[i]));
        }
        ConnectStandalone connect = fromFiles(Path.of(args[0]), connectors);
        runUntilTerminated(connect, System.out);
    }

    /** Starts {@code connect}, prints where it answers, and blocks until the JVM is asked to stop. */
    public static void runUntilTerminated(ConnectStandalone connect, java.io.PrintStream out)
        throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            connect.close();
            stopped.countDown();
        }, "sluice-connect-shutdown"));
        connect.start();
        out.println("Sluice Connect (standalone) REST API: " + connect.restUrl());
        out.println("Brokers: " + connect.bootstrapServers());
        stopped.await();
    }
}
