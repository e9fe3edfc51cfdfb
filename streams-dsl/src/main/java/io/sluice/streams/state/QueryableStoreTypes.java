package io.sluice.streams.state;

import io.sluice.streams.processor.StateStore;
import io.sluice.streams.state.internals.CompositeReadOnlyKeyValueStore;
import io.sluice.streams.state.internals.CompositeReadOnlySessionStore;
import io.sluice.streams.state.internals.CompositeReadOnlyWindowStore;
import io.sluice.streams.state.internals.ReadOnlyKeyValueStoreFacade;
import io.sluice.streams.state.internals.ReadOnlyWindowStoreFacade;
import io.sluice.streams.state.internals.StateStoreProvider;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The store types interactive queries can ask for. The plain key-value and window types also accept the DSL's
 * timestamped stores and show their values without timestamps; the timestamped types show them with.
 */
public final class QueryableStoreTypes {
    private QueryableStoreTypes() {
    }

    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, V>> keyValueStore() {
        return new ViewType<>(store -> store instanceof ReadOnlyKeyValueStore<?, ?>,
            QueryableStoreTypes::keyValueView, CompositeReadOnlyKeyValueStore::new);
    }

    public static <K, V> QueryableStoreType<ReadOnlyKeyValueStore<K, ValueAndTimestamp<V>>> timestampedKeyValueStore() {
        return new ViewType<>(store -> store instanceof TimestampedKeyValueStore<?, ?>,
            QueryableStoreTypes::cast, CompositeReadOnlyKeyValueStore::new);
    }

    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, V>> windowStore() {
        return new ViewType<>(store -> store instanceof ReadOnlyWindowStore<?, ?>,
            QueryableStoreTypes::windowView, CompositeReadOnlyWindowStore::new);
    }

    public static <K, V> QueryableStoreType<ReadOnlyWindowStore<K, ValueAndTimestamp<V>>> timestampedWindowStore() {
        return new ViewType<>(store -> store instanceof TimestampedWindowStore<?, ?>,
            QueryableStoreTypes::cast, CompositeReadOnlyWindowStore::new);
    }

    public static <K, V> QueryableStoreType<ReadOnlySessionStore<K, V>> sessionStore() {
        return new ViewType<>(store -> store instanceof ReadOnlySessionStore<?, ?>,
            QueryableStoreTypes::cast, CompositeReadOnlySessionStore::new);
    }

    @SuppressWarnings("unchecked") // the query names the store's types, as in Kafka Streams
    private static <T> T cast(StateStore store) {
        return (T) store;
    }

    @SuppressWarnings("unchecked")
    private static <K, V> ReadOnlyKeyValueStore<K, V> keyValueView(StateStore store) {
        return store instanceof TimestampedKeyValueStore<?, ?> timestamped
            ? new ReadOnlyKeyValueStoreFacade<>((TimestampedKeyValueStore<K, V>) timestamped)
            : (ReadOnlyKeyValueStore<K, V>) store;
    }

    @SuppressWarnings("unchecked")
    private static <K, V> ReadOnlyWindowStore<K, V> windowView(StateStore store) {
        return store instanceof TimestampedWindowStore<?, ?> timestamped
            ? new ReadOnlyWindowStoreFacade<>((TimestampedWindowStore<K, V>) timestamped)
            : (ReadOnlyWindowStore<K, V>) store;
    }

    /**
     * A query type that also knows how to view one store read-only ({@link #view}, used by store providers), and
     * builds the composite view over all of them.
     */
    public static final class ViewType<T> implements QueryableStoreType<T> {
        private final Predicate<StateStore> accepts;
        private final Function<StateStore, T> view;
        private final CompositeFactory<T> composite;

        private ViewType(Predicate<StateStore> accepts, Function<StateStore, T> view, CompositeFactory<T> composite) {
            this.accepts = accepts;
            this.view = view;
            this.composite = composite;
        }

        @Override
        public boolean accepts(StateStore stateStore) {
            return accepts.test(stateStore);
        }

        /** {@code store}, which this type {@link #accepts}, as its read-only view. */
        public T view(StateStore store) {
            return view.apply(store);
        }

        @Override
        public T create(StateStoreProvider storeProvider, String storeName) {
            return composite.create(storeProvider, this, storeName);
        }
    }

    /** Builds the view over all local stores of one name. */
    @FunctionalInterface
    private interface CompositeFactory<T> {
        T create(StateStoreProvider provider, QueryableStoreType<T> type, String storeName);
    }
}
