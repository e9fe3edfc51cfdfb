package io.sluice.streams.runtime;

import io.sluice.streams.StoreQueryParameters;
import io.sluice.streams.errors.InvalidStateStoreException;
import io.sluice.streams.errors.UnknownStateStoreException;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.state.QueryableStoreType;
import io.sluice.streams.state.QueryableStoreTypes;
import io.sluice.streams.state.internals.StateStoreProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Finds the stores one interactive query reads on this instance: the store of the queried name in every local
 * task (or only the task of the queried partition), each checked to be open and of the queried type and seen through
 * that type's read-only view. The tasks are looked up on every call, so a query object stays valid while tasks move.
 *
 * <p>Thread-safe if the task supplier is (it is called from user threads).
 */
public final class LocalStoreProvider implements StateStoreProvider {
    private final Supplier<Map<TaskId, Map<String, StateStore>>> localTasks;
    private final Set<String> topologyStores;
    private final Integer partition;

    /**
     * @param localTasks     the stores of every task this instance runs now, by task
     * @param topologyStores every store name the topology has (to tell "unknown" from "not here")
     * @param query          the query, for its partition
     */
    public LocalStoreProvider(Supplier<Map<TaskId, Map<String, StateStore>>> localTasks, Set<String> topologyStores,
                              StoreQueryParameters<?> query) {
        this.localTasks = localTasks;
        this.topologyStores = Set.copyOf(topologyStores);
        this.partition = query.partition();
    }

    @Override
    @SuppressWarnings("unchecked") // a store the type accepts is of the type's view
    public <T> List<T> stores(String storeName, QueryableStoreType<T> queryableStoreType) {
        requireKnown(storeName);
        List<T> views = new ArrayList<>();
        localTasks.get().forEach((task, stores) -> {
            StateStore store = stores.get(storeName);
            if (store == null || partition != null && task.partition() != partition) {
                return;
            }
            if (!store.isOpen()) {
                throw new InvalidStateStoreException("State store " + storeName + " of task " + task
                    + " is closed: the task may have moved to another instance; retry");
            }
            if (!queryableStoreType.accepts(store)) {
                throw new InvalidStateStoreException("State store " + storeName + " is a " + store.getClass()
                    .getSimpleName() + ", which " + queryableStoreType + " does not accept");
            }
            views.add(queryableStoreType instanceof QueryableStoreTypes.ViewType<T> viewType ? viewType.view(store)
                : (T) store);
        });
        if (partition != null && views.isEmpty()) {
            throw new InvalidStateStoreException("State store " + storeName + " of partition " + partition
                + " is not hosted here (now); ask metadataForKey where it is");
        }
        return views;
    }

    /** @throws UnknownStateStoreException when the topology has no store {@code storeName} */
    public void requireKnown(String storeName) {
        if (!topologyStores.contains(storeName)) {
            throw new UnknownStateStoreException("Cannot get state store " + storeName + ": the topology has no "
                + "store of that name (it has " + topologyStores + ")");
        }
    }
}
