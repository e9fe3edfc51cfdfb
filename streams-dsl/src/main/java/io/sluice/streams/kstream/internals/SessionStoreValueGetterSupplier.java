package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.api.ProcessingContext;
import io.sluice.streams.state.SessionStore;

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
            public V get(Windowed<K> key) {
                return store.fetchSession(key.key(), key.window().start(), key.window().end());
            }
        };
    }

    @Override
    public String[] storeNames() {
        return new String[] {storeName};
    }
}
