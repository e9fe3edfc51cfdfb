package io.sluice.streams.state.internals;

import io.sluice.streams.processor.StateStore;
import io.sluice.streams.state.StoreBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/** Builder state shared by the store builders: caching and logging flags (both on by default, as in Kafka). */
abstract class AbstractStoreBuilder<K, V, T extends StateStore> implements StoreBuilder<T> {
    protected final String name;
    protected final Serde<K> keySerde;
    protected final Serde<V> valueSerde;
    protected boolean caching = true;
    protected boolean logging = true;
    protected Map<String, String> logConfig = new HashMap<>();

    AbstractStoreBuilder(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        this.name = Objects.requireNonNull(name, "name");
        // Null serdes are the application's defaults, resolved when the store initialises.
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    public StoreBuilder<T> withCachingEnabled() {
        caching = true;
        return this;
    }

    @Override
    public StoreBuilder<T> withCachingDisabled() {
        caching = false;
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
        logging = true;
        logConfig = new HashMap<>(Objects.requireNonNull(config, "config"));
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingDisabled() {
        logging = false;
        logConfig.clear();
        return this;
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.copyOf(logConfig);
    }

    @Override
    public boolean loggingEnabled() {
        return logging;
    }

    @Override
    public String name() {
        return name;
    }
}
