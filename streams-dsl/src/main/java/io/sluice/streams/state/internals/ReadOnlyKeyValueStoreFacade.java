package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.ReadOnlyKeyValueStore;
import io.sluice.streams.state.TimestampedKeyValueStore;
import io.sluice.streams.state.ValueAndTimestamp;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A plain read-only view of a timestamped key-value store: values without their timestamps, so that a DSL table's
 * store can be queried like a {@code KeyValueStore<K, V>} (test driver, interactive queries). A live view, not a
 * copy; same threading as the store it views.
 */
public final class ReadOnlyKeyValueStoreFacade<K, V> implements ReadOnlyKeyValueStore<K, V> {
    private final TimestampedKeyValueStore<K, V> inner;

    public ReadOnlyKeyValueStoreFacade(TimestampedKeyValueStore<K, V> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public V get(K key) {
        return ValueAndTimestamp.getValueOrNull(inner.get(key));
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return values(inner.range(from, to));
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return values(inner.reverseRange(from, to));
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return values(inner.all());
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return values(inner.reverseAll());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return values(inner.prefixScan(prefix, prefixKeySerializer));
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    private KeyValueIterator<K, V> values(KeyValueIterator<K, ValueAndTimestamp<V>> timestamped) {
        return new FilteringIterator<>(inner.name(), timestamped,
            entry -> KeyValue.pair(entry.key, ValueAndTimestamp.getValueOrNull(entry.value)));
    }
}
