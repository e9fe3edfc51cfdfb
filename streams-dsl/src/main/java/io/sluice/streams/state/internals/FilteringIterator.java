package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.WindowStoreIterator;
import java.util.function.Function;

/** Maps entries of an underlying iterator, skipping those mapped to {@code null}; closes the underlying one. */
class FilteringIterator<K, V, K2, V2> extends AbstractStoreIterator<K2, V2> {
    private final KeyValueIterator<K, V> underlying;
    private final Function<KeyValue<K, V>, KeyValue<K2, V2>> mapper;

    FilteringIterator(String storeName, KeyValueIterator<K, V> underlying,
                      Function<KeyValue<K, V>, KeyValue<K2, V2>> mapper) {
        super(storeName);
        this.underlying = underlying;
        this.mapper = mapper;
    }

    @Override
    protected KeyValue<K2, V2> makeNext() {
        while (underlying.hasNext()) {
            KeyValue<K2, V2> mapped = mapper.apply(underlying.next());
            if (mapped != null) {
                return mapped;
            }
        }
        return null;
    }

    @Override
    protected void release() {
        underlying.close();
    }

    static final class Window<K, V, V2> extends FilteringIterator<K, V, Long, V2> implements WindowStoreIterator<V2> {
        Window(String storeName, KeyValueIterator<K, V> underlying, Function<KeyValue<K, V>, KeyValue<Long, V2>> mapper) {
            super(storeName, underlying, mapper);
        }
    }
}
