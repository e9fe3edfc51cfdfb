package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.api.ProcessingContext;
import io.sluice.streams.state.ValueAndTimestamp;
import io.sluice.streams.state.WindowStore;

/** The value getter of a windowed table: reads the window store at the window's start. */
record WindowStoreValueGetterSupplier<K, V>(String storeName) implements KTableValueGetterSupplier<Windowed<K>, V> {
    @Override
    public KTableValueGetter<Windowed<K>, V> get() {
        return new KTableValueGetter<>() {
            private WindowStore<K, V> store;

            @Override
            public void init(ProcessingContext context) {
                store = context.getStateStore(storeName);
            }

            @Override
            public ValueAndTimestamp<V> get(Windowed<K> key) {
                // The window store keeps no timestamps yet: the window start stands in for the aggregate's.
                return ValueAndTimestamp.make(store.fetch(key.key(), key.window().start()), key.window().start());
            }
        };
    }

    @Override
    public String[] storeNames() {
        return new String[] {storeName};
    }
}
