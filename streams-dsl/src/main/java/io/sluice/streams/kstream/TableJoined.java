package io.sluice.streams.kstream;

import io.sluice.streams.processor.StreamPartitioner;

/**
 * Settings of a foreign-key table join: the partitioner of this table's input topic (so responses reach the
 * partition holding the left key), the partitioner of the other table's input topic (so subscriptions reach the
 * partition holding the foreign key), and the base name of the join's processors, stores and internal topics.
 * Unset settings are {@code null} (the default partitioner, generated names). Immutable.
 *
 * @param <K>  this table's key type
 * @param <KO> the other table's key type (the foreign key)
 */
public class TableJoined<K, KO> implements NamedOperation<TableJoined<K, KO>> {
    private final StreamPartitioner<K, Void> partitioner;
    private final StreamPartitioner<KO, Void> otherPartitioner;
    private final String name;

    private TableJoined(StreamPartitioner<K, Void> partitioner, StreamPartitioner<KO, Void> otherPartitioner,
                        String name) {
        this.partitioner = partitioner;
        this.otherPartitioner = otherPartitioner;
        this.name = Named.validateOrNull(name);
    }

    /** A copy of {@code tableJoined}, for subclasses. */
    protected TableJoined(TableJoined<K, KO> tableJoined) {
        this(tableJoined.partitioner, tableJoined.otherPartitioner, tableJoined.name);
    }

    public static <K, KO> TableJoined<K, KO> with(StreamPartitioner<K, Void> partitioner,
                                                  StreamPartitioner<KO, Void> otherPartitioner) {
        return new TableJoined<>(partitioner, otherPartitioner, null);
    }

    public static <K, KO> TableJoined<K, KO> as(String name) {
        return new TableJoined<>(null, null, name);
    }

    public TableJoined<K, KO> withPartitioner(StreamPartitioner<K, Void> partitioner) {
        return new TableJoined<>(partitioner, otherPartitioner, name);
    }

    public TableJoined<K, KO> withOtherPartitioner(StreamPartitioner<KO, Void> otherPartitioner) {
        return new TableJoined<>(partitioner, otherPartitioner, name);
    }

    @Override
    public TableJoined<K, KO> withName(String name) {
        return new TableJoined<>(partitioner, otherPartitioner, name);
    }

    public StreamPartitioner<K, Void> partitioner() {
        return partitioner;
    }

    public StreamPartitioner<KO, Void> otherPartitioner() {
        return otherPartitioner;
    }

    public String name() {
        return name;
    }
}
