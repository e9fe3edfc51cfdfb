package io.sluice.log.embedded;

import io.sluice.log.coordinator.GroupConfig;
import io.sluice.log.server.Broker;
import io.sluice.log.server.BrokerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A broker inside this JVM, on a data directory and a port (0 picks a free one): what Streams apps, Connect
 * workers, examples and tests use when no {@code bootstrap.servers} is given. Defaults suit one process:
 * {@code host=localhost}, no initial rebalance delay for consumer groups.
 *
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.start(Path.of("data"))) {
 *     props.put("bootstrap.servers", broker.bootstrapServers());
 *     ...
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final Broker broker;
    private final Path dataDir;

    private EmbeddedBroker(Broker broker, Path dataDir) {
        this.broker = broker;
        this.dataDir = dataDir;
    }

    public static EmbeddedBroker start(Path dataDir) {
        return start(dataDir, 0, Map.of());
    }

    /**
     * @param overrides any broker key (Kafka server.properties names), e.g. {@code num.partitions}
     */
    public static EmbeddedBroker start(Path dataDir, int port, Map<String, ?> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put(BrokerConfig.HOST.name(), "localhost");
        props.put(GroupConfig.INITIAL_REBALANCE_DELAY_MS.name(), 0);
        props.putAll(overrides);
        props.put(BrokerConfig.PORT.name(), port);
        props.put("log.dir", dataDir.toString());
        return new EmbeddedBroker(Broker.start(new BrokerConfig(props)), dataDir);
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public int port() {
        return broker.boundPort();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Creates a topic directly (clients can also use the Admin API or rely on auto-creation). */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        broker.createTopic(name, partitions, configs);
    }

    public Broker broker() {
        return broker;
    }

    @Override
    public void close() {
        broker.close();
    }
}
