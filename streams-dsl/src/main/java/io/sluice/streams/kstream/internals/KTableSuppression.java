package io.sluice.streams.kstream.internals;

import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.Suppressed;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.processor.api.Record;
import io.sluice.streams.processor.internals.InternalTopologyBuilder;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.serialization.Serde;

/**
 * Adds a {@code suppress} operator to a table. {@code untilWindowCloses} walks up from the table to the windowed
 * aggregation producing it (through table operators such as {@code filter} and {@code mapValues}) to learn how long
 * its windows stay open; a table not produced by one is rejected. A byte bound needs the table's key and value
 * serdes to size buffered records.
 */
final class KTableSuppression {
    private static final String PREFIX = "KTABLE-SUPPRESS-";
    /** Per record: its timestamp, and the bookkeeping of its place in the buffer. */
    private static final long RECORD_OVERHEAD_BYTES = 8 + 16;

    private KTableSuppression() {
    }

    @SuppressWarnings("unchecked") // Suppressed<? super K> applies to K
    static <K, V> KTable<K, V> suppress(KTableImpl<K, V> table, Suppressed<? super K> suppressed) {
        Objects.requireNonNull(suppressed, "suppressed");
        InternalStreamsBuilder builder = table.builder;
        String name = builder.name(suppressed.name(), PREFIX);
        // Kafka Streams names a buffer store here; take the index too so later generated names stay aligned.
        builder.newStoreName(PREFIX);
        Suppressed.BufferConfig<?> buffer = suppressed.bufferConfig();
        boolean untilWindowCloses = suppressed.isUntilWindowCloses();
        long suppressMs = untilWindowCloses ? windowCloseDelayMs(builder.topology(), table.nodeName, name)
            : suppressed.timeLimit().toMillis();
        ProcessorSupplier<K, Change<V>, K, Change<V>> processor = new KTableSuppressSupplier<>(name, buffer,
            suppressMs, untilWindowCloses, sizer(table, buffer, name));
        builder.topology().addProcessor(name, processor, table.nodeName);
        return new KTableImpl<>(builder, name, table.keySerde, table.valueSerde, null, table.valueGetterSupplier());
    }

    private static <K, V> ToLongFunction<Record<K, Change<V>>> sizer(KTableImpl<K, V> table,
                                                                    Suppressed.BufferConfig<?> buffer, String name) {
        if (buffer.maxBytesOrNull() == null) {
            return record -> 0;
        }
        Serde<K> keySerde = table.keySerde;
        Serde<V> valueSerde = table.valueSerde;
        if (keySerde == null || valueSerde == null) {
            throw new TopologyException("Suppression " + name + " has a byte bound (BufferConfig.maxBytes) but its "
                + "table has no known " + (keySerde == null ? "key" : "value") + " serde to size records with; "
                + "give the upstream operator serdes, or bound the buffer by maxRecords");
        }
        return record -> RECORD_OVERHEAD_BYTES + length(keySerde.serializer().serialize(null, record.key()))
            + length(valueSerde.serializer().serialize(null, record.value().newValue()))
            + length(valueSerde.serializer().serialize(null, record.value().oldValue()));
    }

    private static long length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }

    /** How long windows of the aggregation upstream of {@code node} stay open after their end. */
    private static long windowCloseDelayMs(InternalTopologyBuilder topology, String node, String suppression) {
        Set<Long> delays = new HashSet<>();
        collectDelays(topology, node, delays, suppression);
        if (delays.size() != 1) {
            throw new TopologyException("Suppression " + suppression + " upstream windowed aggregations disagree on "
                + "their grace periods " + delays);
        }
        return delays.iterator().next();
    }

    private static void collectDelays(InternalTopologyBuilder topology, String node, Set<Long> delays,
                                      String suppression) {
        if (topology.processorSupplier(node) instanceof WindowedAggregationSupplier<?, ?, ?> windowed) {
            delays.add(windowed.windowCloseDelayMs());
            return;
        }
        if (topology.parentsOf(node).isEmpty()) {
            throw new TopologyException("Suppression " + suppression + " (untilWindowCloses) must follow a windowed "
                + "aggregation, but node " + node + " is not downstream of one");
        }
        for (String parent : topology.parentsOf(node)) {
            collectDelays(topology, parent, delays, suppression);
        }
    }
}
