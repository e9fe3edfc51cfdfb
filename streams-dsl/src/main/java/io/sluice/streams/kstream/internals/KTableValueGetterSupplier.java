package io.sluice.streams.kstream.internals;

/** Makes value getters for a table, and names the stores they read (to connect them to the reading processor). */
public interface KTableValueGetterSupplier<K, V> {
    KTableValueGetter<K, V> get();

    String[] storeNames();
}
