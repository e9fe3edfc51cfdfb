package io.sluice.streams;

import io.sluice.streams.state.DslStoreSuppliers;
import java.util.Objects;
import java.util.Properties;

/**
 * Settings that shape a topology while it is built, taken from the application's {@link StreamsConfig} (optionally
 * overridden per topology): today, which stores DSL operators get when their {@code Materialized} names none
 * ({@code dsl.store.suppliers.class}, else {@code default.dsl.store}). Pass it to
 * {@link StreamsBuilder#StreamsBuilder(TopologyConfig)}; a builder made without one uses RocksDB, as in Kafka
 * Streams, whatever the application's configuration says.
 *
 * <p>Immutable.
 */
public class TopologyConfig {
    private final String topologyName;
    private final StreamsConfig effective;

    public TopologyConfig(StreamsConfig globalAppConfigs) {
        this(null, globalAppConfigs, new Properties());
    }

    /**
     * @param topologyName      a name for the topology, or {@code null}
     * @param topologyOverrides keys that override {@code globalAppConfigs} for this topology only
     */
    public TopologyConfig(String topologyName, StreamsConfig globalAppConfigs, Properties topologyOverrides) {
        Objects.requireNonNull(globalAppConfigs, "globalAppConfigs");
        Objects.requireNonNull(topologyOverrides, "topologyOverrides");
        Properties merged = new Properties();
        merged.putAll(globalAppConfigs.originals());
        merged.putAll(topologyOverrides);
        this.topologyName = topologyName;
        this.effective = new StreamsConfig(merged);
    }

    /** The topology's name, or {@code null}. */
    public String topologyName() {
        return topologyName;
    }

    /** The store suppliers of DSL operators that name none. */
    public DslStoreSuppliers dslStoreSuppliers() {
        return effective.dslStoreSuppliers();
    }
}
