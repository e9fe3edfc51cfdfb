package io.sluice.cli;

import io.sluice.log.config.ConfigException;
import io.sluice.log.server.Broker;
import io.sluice.log.server.BrokerConfig;
import io.sluice.log.errors.StorageException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs a broker in the foreground until SIGTERM or SIGINT.
 *
 * <p>Configuration, lowest precedence first: the built-in defaults, the {@code --config} file (Kafka
 * {@code server.properties} style and key names), then {@code --override key=value}, then the dedicated flags
 * ({@code --data-dir} is {@code log.dir}, {@code --port} is {@code port}, {@code --host} is {@code host}). The flags'
 * defaults ({@code data/broker}, 9092) apply only when the file does not set the key either.
 *
 * <p>Shutdown: a JVM shutdown hook closes the broker (stop accepting, finish in-flight requests, close every log
 * and write the clean-shutdown marker, so the next start skips recovery), then halts with status 0 — or 1 if the
 * close failed. The main thread just waits; it never returns once the broker is up.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
    description = "Run a broker in the foreground (Ctrl-C or SIGTERM stops it cleanly).")
public final class BrokerCommand implements Callable<Integer> {
    static final String DEFAULT_DATA_DIR = "data/broker";
    static final int DEFAULT_PORT = 9092;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Data directory (log.dir). Default: log.dir from --config, else " + DEFAULT_DATA_DIR + ".")
    Path dataDir;

    @Option(names = "--port", paramLabel = "PORT",
        description = "Port to listen on; 0 picks a free one. Default: port from --config, else " + DEFAULT_PORT + ".")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST",
        description = "Address to listen on (host). Default: host from --config, else localhost.")
    String host;

    @Option(names = "--config", paramLabel = "FILE",
        description = "Broker configuration, server.properties style with Kafka's key names (see docs/cli.md).")
    Path configFile;

    @Option(names = "--override", paramLabel = "KEY=VALUE",
        description = "Set one broker configuration key; overrides --config. Repeatable.")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        BrokerConfig config = config();
        long startNanos = System.nanoTime();
        Broker broker = start(config);
        long startMs = (System.nanoTime() - startNanos) / 1_000_000;
        CountDownLatch forever = new CountDownLatch(1);
        PrintWriter err = spec.commandLine().getErr();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(broker, out, err), "sluice-broker-shutdown"));
        out.printf(Locale.ROOT, "Sluice broker ready: bootstrap.servers=%s, data in %s%n", broker.bootstrapServers(),
            config.logDir().toAbsolutePath().normalize());
        out.printf(Locale.ROOT, "Started in %d ms (node %d, cluster %s). Ctrl-C or SIGTERM stops it cleanly.%n",
            startMs, config.nodeId(), broker.clusterId());
        out.flush();
        forever.await();
        return 0;
    }

    /** Merges defaults, file, overrides and flags into one validated configuration; any error exits 2. */
    BrokerConfig config() {
        Map<String, Object> props = new LinkedHashMap<>();
        if (configFile != null) {
            props.putAll(readProperties(configFile));
        }
        props.putAll(overrides);
        props.putIfAbsent("log.dir", DEFAULT_DATA_DIR);
        props.putIfAbsent(BrokerConfig.PORT.name(), DEFAULT_PORT);
        if (dataDir != null) {
            props.put("log.dir", dataDir.toString());
        }
        if (port != null) {
            props.put(BrokerConfig.PORT.name(), port);
        }
        if (host != null) {
            props.put(BrokerConfig.HOST.name(), host);
        }
        try {
            return new BrokerConfig(props);
        } catch (ConfigException e) {
            String source = configFile == null ? "" : " (configuration from " + configFile + " and the command line)";
            throw CliException.usage(e.getMessage() + source);
        }
    }

    private static Map<String, String> readProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw CliException.usage("Configuration file " + file + " does not exist");
        } catch (IOException | IllegalArgumentException e) {
            throw CliException.usage("Cannot read configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> props = new LinkedHashMap<>();
        for (String name : properties.stringPropertyNames()) {
            props.put(name, properties.getProperty(name).trim());
        }
        return props;
    }

    private static Broker start(BrokerConfig config) {
        try {
            return Broker.start(config);
        } catch (Exception e) {
            // Exception, not RuntimeException: Netty rethrows the bind's BindException without declaring it.
            throw startFailure(config, e);
        }
    }

    private static CliException startFailure(BrokerConfig config, Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return new CliException(CliException.FAILURE, "Cannot listen on " + config.host() + ":"
                    + config.port() + ": " + (t.getMessage() == null ? "address in use" : t.getMessage())
                    + " (another broker running? pick another --port)", e);
            }
        }
        if (e instanceof StorageException || e instanceof ConfigException) {
            return new CliException(CliException.FAILURE, "Cannot start the broker: " + e.getMessage(), e);
        }
        return new CliException(CliException.FAILURE, "Cannot start the broker: " + e, e);
    }

    private static void stop(Broker broker, PrintWriter out, PrintWriter err) {
        int status = 0;
        try {
            out.println("Sluice broker stopping...");
            out.flush();
            broker.close();
            out.println("Sluice broker stopped cleanly.");
        } catch (RuntimeException e) {
            err.println("sluice: the broker did not stop cleanly (the next start recovers the logs): " + e);
            status = 1;
        }
        out.flush();
        err.flush();
        Exit.halt(status);
    }
}
