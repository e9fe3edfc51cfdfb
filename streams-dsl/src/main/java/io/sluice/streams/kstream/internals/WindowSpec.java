package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Aggregator;
import io.sluice.streams.kstream.EmitStrategy;
import io.sluice.streams.kstream.Initializer;
import io.sluice.streams.kstream.SlidingWindows;
import io.sluice.streams.kstream.Window;
import io.sluice.streams.kstream.Windows;

/**
 * What a time-windowed aggregation needs from its windows, for fixed ({@link Windows}: tumbling, hopping) and
 * sliding windows alike: the window store's layout and retention, and the processor that aggregates. Immutable.
 */
sealed interface WindowSpec {
    /** Window end minus window start: the window size of the store. */
    long windowLengthMs();

    /** The smallest retention that keeps every window until it closes. */
    long minRetentionMs();

    /** The retention used when {@code Materialized} gives none. */
    long defaultRetentionMs();

    <K, V, VA> WindowedAggregationSupplier<K, V, VA> aggregation(String storeName, Initializer<VA> initializer,
                                                                 Aggregator<? super K, ? super V, VA> aggregator,
                                                                 EmitStrategy emitStrategy);

    static <W extends Window> WindowSpec of(Windows<W> windows) {
        return new Fixed<>(windows);
    }

    static WindowSpec of(SlidingWindows windows) {
        return new Sliding(windows);
    }

    record Fixed<W extends Window>(Windows<W> windows) implements WindowSpec {
        @Override
        public long windowLengthMs() {
            return windows.size();
        }

        @Override
        public long minRetentionMs() {
            return windows.size() + windows.gracePeriodMs();
        }

        @Override
        public long defaultRetentionMs() {
            return minRetentionMs();
        }

        @Override
        public <K, V, VA> WindowedAggregationSupplier<K, V, VA> aggregation(
                String storeName, Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator,
                EmitStrategy emitStrategy) {
            return new KStreamWindowAggregateSupplier<>(storeName, windows, initializer, aggregator, emitStrategy);
        }
    }

    /** Sliding windows look back up to twice the time difference for the windows a record affects. */
    record Sliding(SlidingWindows windows) implements WindowSpec {
        @Override
        public long windowLengthMs() {
            return windows.timeDifferenceMs();
        }

        @Override
        public long minRetentionMs() {
            return windows.timeDifferenceMs() + windows.gracePeriodMs();
        }

        @Override
        public long defaultRetentionMs() {
            return 2 * windows.timeDifferenceMs() + windows.gracePeriodMs();
        }

        @Override
        public <K, V, VA> WindowedAggregationSupplier<K, V, VA> aggregation(
                String storeName, Initializer<VA> initializer, Aggregator<? super K, ? super V, VA> aggregator,
                EmitStrategy emitStrategy) {
            return new KStreamSlidingWindowAggregateSupplier<>(storeName, windows, initializer, aggregator,
                emitStrategy);
        }
    }
}
