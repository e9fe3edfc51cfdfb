package io.sluice.streams.state;

import io.sluice.streams.processor.StateStore;
import java.util.Map;

/**
 * Configures and builds a store with its layers: typed (serdes) over caching (optional, on by default) over
 * changelogging (optional, on by default) over the bytes store from a {@link StoreSupplier}. Each {@link #build()}
 * makes a new, uninitialised store.
 */
public interface StoreBuilder<T extends StateStore> {
    StoreBuilder<T> withCachingEnabled();

    StoreBuilder<T> withCachingDisabled();

    /** Enables the changelog; {@code config} holds topic configs for the changelog topic. */
    StoreBuilder<T> withLoggingEnabled(Map<String, String> config);

    StoreBuilder<T> withLoggingDisabled();

    T build();

    Map<String, String> logConfig();

    boolean loggingEnabled();

    String name();
}
