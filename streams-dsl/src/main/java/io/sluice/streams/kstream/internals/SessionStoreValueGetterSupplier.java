package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.api.ProcessingContext;
import io.sluice.streams.state.SessionStore;
import io.sluice.streams.state.ValueAndTimestamp;

/** The value getter of a session-windowed table: reads the session store at the session's bounds. */
record SessionStoreValueGetterSupplier<K, V>(String storeName) implements KTableValueGetterSupplier<Windowed<K>, V> {
    @Override
    public KTableValueGetter<Windowed<K>, V> get() {
        return new KTableValueGetter<>() {
            private SessionStore<K, V> store;

            @Override
            public void init(ProcessingContext context) {
                store = context.getStateStore(storeName);
            }

            @Override
            public ValueAndTimestamp<V> get(Windowed<K> key) {
                // A session's result is stamped with the session's end (its latest record), as its updates were.
                return ValueAndTimestamp.make(store.fetchSession(key.key(), key.window().start(), key.window().end()),
                    key.window().end());
            }
        };
    }

    @Override
    public String[] storeNames() {
        return new String[] {storeName};
    }
}
