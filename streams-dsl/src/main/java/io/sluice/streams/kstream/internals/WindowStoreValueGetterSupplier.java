package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.api.ProcessingContext;
import io.sluice.streams.state.TimestampedWindowStore;
import io.sluice.streams.state.ValueAndTimestamp;

/** The value getter of a time-windowed table: reads the timestamped window store at the window's start. */
record WindowStoreValueGetterSupplier<K, V>(String storeName) implements KTableValueGetterSupplier<Windowed<K>, V> {
    @Override
    public KTableValueGetter<Windowed<K>, V> get() {
        return new KTableValueGetter<>() {
            private TimestampedWindowStore<K, V> store;

            @Override
            public void init(ProcessingContext context) {
                store = context.getStateStore(storeName);
            }

            @Override
            public ValueAndTimestamp<V> get(Windowed<K> key) {
                return store.fetch(key.key(), key.window().start());
            }
        };
    }

    @Override
    public String[] storeNames() {
        return new String[] {storeName};
    }
}
