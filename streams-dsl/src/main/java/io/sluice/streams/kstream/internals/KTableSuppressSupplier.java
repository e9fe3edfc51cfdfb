package io.sluice.streams.kstream.internals;

import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.kstream.Suppressed;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.processor.api.ContextualProcessor;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import java.util.function.ToLongFunction;

/**
 * Suppresses a table's changes into a {@link SuppressionBuffer} and emits them when due, by stream time as this
 * processor sees it (the largest timestamp it received): on each change, every key whose buffer time is at or
 * before stream time minus {@code suppressMs} is emitted, oldest first, with its latest record's timestamp.
 *
 * <ul>
 *   <li>Until window closes: buffer time is the window's end and {@code suppressMs} how long the window stays
 *       open after it (grace, plus gap for sessions), so each window is emitted once, final. Tombstones of
 *       windows are not emitted (a merged-away session was never final).</li>
 *   <li>Until time limit: buffer time is the timestamp of a key's first buffered change and {@code suppressMs}
 *       the limit; tombstones are emitted like values.</li>
 * </ul>
 * When the buffer exceeds its bounds, an emit-early buffer emits its oldest entries until within bounds; a
 * shut-down buffer fails the task with a {@link StreamsException} naming the processor and its bounds.
 */
record KTableSuppressSupplier<K, V>(String name, Suppressed.BufferConfig<?> buffer, long suppressMs,
                                    boolean untilWindowCloses, ToLongFunction<Record<K, Change<V>>> sizer)
    implements ProcessorSupplier<K, Change<V>, K, Change<V>> {

    @Override
    public Processor<K, Change<V>, K, Change<V>> get() {
        return new ContextualProcessor<>() {
            private final SuppressionBuffer<K, V> buffered = new SuppressionBuffer<>(sizer);
            private long observedStreamTime = Long.MIN_VALUE;

            @Override
            public void process(Record<K, Change<V>> record) {
                observedStreamTime = Math.max(observedStreamTime, record.timestamp());
                long bufferTime = untilWindowCloses ? ((Windowed<?>) record.key()).window().end()
                    : record.timestamp();
                buffered.put(bufferTime, record);
                long expiry = observedStreamTime - suppressMs;
                while (buffered.minTime() <= expiry) {
                    buffered.evictOldest(this::emit);
                }
                if (overCapacity()) {
                    if (buffer.bufferFullStrategy() == Suppressed.BufferFullStrategy.SHUT_DOWN) {
                        throw new StreamsException("Suppression buffer of " + name + " exceeded its capacity: "
                            + buffered.records() + "/" + bound(buffer.maxRecordsOrNull()) + " records, "
                            + buffered.bytes() + "/" + bound(buffer.maxBytesOrNull()) + " bytes; the buffer is "
                            + "configured to shut down when full (BufferConfig.shutDownWhenFull)");
                    }
                    while (overCapacity()) {
                        buffered.evictOldest(this::emit);
                    }
                }
            }

            private boolean overCapacity() {
                Long maxRecords = buffer.maxRecordsOrNull();
                Long maxBytes = buffer.maxBytesOrNull();
                return (maxRecords != null && buffered.records() > maxRecords)
                    || (maxBytes != null && buffered.bytes() > maxBytes);
            }

            private void emit(Record<K, Change<V>> record) {
                if (record.value().newValue() != null || !untilWindowCloses) {
                    context().forward(record);
                }
            }
        };
    }

    private static String bound(Long bound) {
        return bound == null ? "unbounded" : bound.toString();
    }
}
