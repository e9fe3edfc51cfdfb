package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StateStoreContext;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.TimestampedKeyValueStore;
import io.sluice.streams.state.ValueAndTimestamp;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A plain read-write view of a timestamped key-value store, as the test driver hands out for
 * {@code getKeyValueStore} on a DSL table's store: reads drop the timestamps, writes stamp values with the
 * timestamp {@code timestamps} supplies (the task's current record or stream time). A live view; same threading as
 * the store it views. Lifecycle calls are refused: the task owns the store's lifecycle.
 */
public final class KeyValueStoreFacade<K, V> implements KeyValueStore<K, V> {
    private final TimestampedKeyValueStore<K, V> inner;
    private final ReadOnlyKeyValueStoreFacade<K, V> reads;
    private final LongSupplier timestamps;

    public KeyValueStoreFacade(TimestampedKeyValueStore<K, V> inner, LongSupplier timestamps) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.reads = new ReadOnlyKeyValueStoreFacade<>(inner);
        this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
    }

    @Override
    public void put(K key, V value) {
        inner.put(key, ValueAndTimestamp.make(value, timestamps.getAsLong()));
    }

    @Override
    public V putIfAbsent(K key, V value) {
        return ValueAndTimestamp.getValueOrNull(
            inner.putIfAbsent(key, ValueAndTimestamp.make(value, timestamps.getAsLong())));
    }

    @Override
    public void putAll(List<KeyValue<K, V>> entries) {
        long timestamp = timestamps.getAsLong();
        inner.putAll(entries.stream()
            .map(entry -> KeyValue.pair(entry.key, ValueAndTimestamp.make(entry.value, timestamp))).toList());
    }

    @Override
    public V delete(K key) {
        return ValueAndTimestamp.getValueOrNull(inner.delete(key));
    }

    @Override
    public V get(K key) {
        return reads.get(key);
    }

    @Override
    public KeyValueIterator<K, V> range(K from, K to) {
        return reads.range(from, to);
    }

    @Override
    public KeyValueIterator<K, V> reverseRange(K from, K to) {
        return reads.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<K, V> all() {
        return reads.all();
    }

    @Override
    public KeyValueIterator<K, V> reverseAll() {
        return reads.reverseAll();
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<K, V> prefixScan(P prefix, PS prefixKeySerializer) {
        return reads.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return inner.approximateNumEntries();
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        throw new UnsupportedOperationException("Store " + name() + " is initialized by its task, not via a facade");
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        throw new UnsupportedOperationException("Store " + name() + " is closed by its task, not via a facade");
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
