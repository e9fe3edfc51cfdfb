package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.state.ValueAndTimestamp;

/** Reads cache flushes of timestamped window stores: the aggregate and the timestamp stored with it. */
final class TimestampedValues {
    private TimestampedValues() {
    }

    static <V> WindowedResultForwarder.CachedValueReader<ValueAndTimestamp<V>, V> reader() {
        return new WindowedResultForwarder.CachedValueReader<>() {
            @Override
            public V value(ValueAndTimestamp<V> stored) {
                return stored.value();
            }

            @Override
            public long timestamp(Windowed<?> key, ValueAndTimestamp<V> stored, long entryTimestamp) {
                return stored == null ? entryTimestamp : stored.timestamp();
            }
        };
    }
}
