package io.sluice.streams.processor;

import io.sluice.streams.state.StoreBuilder;
import java.util.Set;

/**
 * Lets a processor supplier declare the stores its processors use: the topology adds them and connects them to
 * the processor, so {@code Topology.addStateStore} is not needed.
 */
public interface ConnectedStoreProvider {
    /** The stores to add and connect; {@code null} or empty for none. */
    default Set<StoreBuilder<?>> stores() {
        return null;
    }
}
