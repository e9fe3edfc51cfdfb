package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.api.ProcessorSupplier;

/**
 * A windowed aggregation processor (time, sliding or session windows). {@code suppress(untilWindowCloses)}
 * finds it upstream to learn how long after a window's end the window stays open.
 */
interface WindowedAggregationSupplier<K, V, VA> extends ProcessorSupplier<K, V, Windowed<K>, Change<VA>> {
    /**
     * How long after a window's end (its {@code Windowed.window().end()}) updates may still arrive: the grace
     * period, plus the inactivity gap for sessions.
     */
    long windowCloseDelayMs();
}
