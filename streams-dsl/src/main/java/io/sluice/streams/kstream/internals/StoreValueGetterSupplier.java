package io.sluice.streams.kstream.internals;

import io.sluice.streams.processor.api.ProcessingContext;
import io.sluice.streams.state.TimestampedKeyValueStore;
import io.sluice.streams.state.ValueAndTimestamp;

/** The value getter of a materialized table: reads its timestamped store. */
record StoreValueGetterSupplier<K, V>(String storeName) implements KTableValueGetterSupplier<K, V> {
    @Override
    public KTableValueGetter<K, V> get() {
        return new KTableValueGetter<>() {
            private TimestampedKeyValueStore<K, V> store;

            @Override
            public void init(ProcessingContext context) {
                store = context.getStateStore(storeName);
            }

            @Override
            public ValueAndTimestamp<V> get(K key) {
                return store.get(key);
            }
        };
    }

    @Override
    public String[] storeNames() {
        return new String[] {storeName};
    }
}
