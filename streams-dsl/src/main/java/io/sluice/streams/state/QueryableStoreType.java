package io.sluice.streams.state;

import io.sluice.streams.processor.StateStore;
import io.sluice.streams.state.internals.StateStoreProvider;

/**
 * The kind of store an interactive query wants ({@link QueryableStoreTypes}): which stores qualify, and the
 * read-only view over all of them that the query gets.
 *
 * @param <T> the read-only view type
 */
public interface QueryableStoreType<T> {
    /** Whether {@code stateStore} can be queried as this type. */
    boolean accepts(StateStore stateStore);

    /** A view over every local store named {@code storeName} of this type, found through {@code storeProvider}. */
    T create(StateStoreProvider storeProvider, String storeName);
}
