package io.sluice.streams.state;

import io.sluice.streams.processor.StateStore;

/** Makes the innermost (bytes) layer of a store; a {@link StoreBuilder} wraps it in the other layers. */
public interface StoreSupplier<T extends StateStore> {
    String name();

    T get();

    /** The metrics scope, e.g. {@code "rocksdb"} or {@code "in-memory"}. */
    String metricsScope();
}
