package io.sluice.streams;

import io.sluice.streams.state.QueryableStoreType;
import java.util.Objects;

/**
 * What an interactive query asks {@code StreamsApp.store} for: a store name and type, optionally one partition
 * only, and whether stores still restoring (or standbys) may answer. Immutable.
 *
 * @param <T> the read-only view type
 */
public final class StoreQueryParameters<T> {
    private final String storeName;
    private final QueryableStoreType<T> queryableStoreType;
    private final Integer partition;
    private final boolean staleStores;

    private StoreQueryParameters(String storeName, QueryableStoreType<T> queryableStoreType, Integer partition,
                                 boolean staleStores) {
        this.storeName = storeName;
        this.queryableStoreType = queryableStoreType;
        this.partition = partition;
        this.staleStores = staleStores;
    }

    public static <T> StoreQueryParameters<T> fromNameAndType(String storeName,
                                                              QueryableStoreType<T> queryableStoreType) {
        return new StoreQueryParameters<>(Objects.requireNonNull(storeName, "storeName"),
            Objects.requireNonNull(queryableStoreType, "queryableStoreType"), null, false);
    }

    /** Only the task of this partition answers. */
    public StoreQueryParameters<T> withPartition(Integer partition) {
        return new StoreQueryParameters<>(storeName, queryableStoreType, partition, staleStores);
    }

    /** Standbys and restoring stores may answer too (their data may lag). */
    public StoreQueryParameters<T> enableStaleStores() {
        return new StoreQueryParameters<>(storeName, queryableStoreType, partition, true);
    }

    public String storeName() {
        return storeName;
    }

    public QueryableStoreType<T> queryableStoreType() {
        return queryableStoreType;
    }

    /** The partition asked for, or {@code null} for all. */
    public Integer partition() {
        return partition;
    }

    public boolean staleStoresEnabled() {
        return staleStores;
    }

    @Override
    public String toString() {
        return "StoreQueryParameters{storeName=" + storeName + ", partition=" + partition + ", staleStores="
            + staleStores + "}";
    }
}
