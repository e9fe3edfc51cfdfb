package io.sluice.streams.kstream.internals;

import io.sluice.streams.processor.api.ProcessingContext;
import io.sluice.streams.state.ValueAndTimestamp;

/** Looks up a table's current value for a key, from inside the processor that joins against it. */
public interface KTableValueGetter<K, V> {
    void init(ProcessingContext context);

    /** The current value with the timestamp of its last update, or {@code null} when the key is absent. */
    ValueAndTimestamp<V> get(K key);
}
