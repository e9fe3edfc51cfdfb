package io.sluice.streams.state.internals;

import io.sluice.streams.state.QueryableStoreType;
import java.util.List;

/**
 * Finds the local stores an interactive query reads: every open store of the given name and type on this instance
 * (one per task hosting it), each as the query type's read-only view.
 *
 * <p>Implementations are thread-safe: queries come from user threads while stream threads process.
 */
public interface StateStoreProvider {
    /**
     * @throws io.sluice.streams.errors.InvalidStateStoreException when the stores cannot be queried now
     */
    <T> List<T> stores(String storeName, QueryableStoreType<T> queryableStoreType);
}
