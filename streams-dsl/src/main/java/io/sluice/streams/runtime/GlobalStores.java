package io.sluice.streams.runtime;

import io.sluice.streams.processor.StateStore;
import java.time.Duration;
import java.util.Map;

/**
 * What stream threads see of their instance's global stores: the stores, for their tasks' processors to read, and
 * whether they are bootstrapped (a stream thread joins the group only once they are).
 *
 * <p>Thread-safe.
 */
public interface GlobalStores {
    /** An app without global stores: nothing to wait for. */
    GlobalStores NONE = new GlobalStores() {
        @Override
        public Map<String, StateStore> stores() {
            return Map.of();
        }

        @Override
        public boolean awaitBootstrapped(Duration timeout) {
            return true;
        }
    };

    /** The global stores by name; immutable. */
    Map<String, StateStore> stores();

    /** Waits up to {@code timeout} for every global store to have read its topic up to its end at start. */
    boolean awaitBootstrapped(Duration timeout) throws InterruptedException;
}
