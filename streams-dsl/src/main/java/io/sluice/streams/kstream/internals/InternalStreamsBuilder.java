package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.processor.internals.InternalTopologyBuilder;
import io.sluice.streams.state.DslStoreSuppliers;

/**
 * The DSL's side of a topology under construction: the topology builder it writes nodes into, the counter
 * behind generated names ({@code KSTREAM-FILTER-0000000003}), numbered in the order operators are called, as in
 * Kafka Streams, so generated names and {@code describe()} output match a Kafka Streams port, and the store
 * suppliers operators use when their {@link Materialized} names none (from the builder's {@code TopologyConfig}).
 *
 * <p>Threading: the thread building the topology.
 */
public final class InternalStreamsBuilder {
    private final InternalTopologyBuilder topology;
    private final DslStoreSuppliers defaultStoreSuppliers;
    private int index;

    public InternalStreamsBuilder(InternalTopologyBuilder topology, DslStoreSuppliers defaultStoreSuppliers) {
        this.topology = topology;
        this.defaultStoreSuppliers = defaultStoreSuppliers;
    }

    /**
     * Where an operator gets its store when the topology names no store supplier: the suppliers its
     * {@code materialized} (possibly {@code null}) gives, else the builder's default.
     */
    public DslStoreSuppliers storeSuppliers(Materialized<?, ?, ?> materialized) {
        DslStoreSuppliers given = materialized == null ? null : materialized.dslStoreSuppliers();
        return given != null ? given : defaultStoreSuppliers;
    }

    public InternalTopologyBuilder topology() {
        return topology;
    }

    /** {@code given} when the user named the operator, else {@code prefix} plus the next index. */
    public String name(String given, String prefix) {
        return given != null ? given : newName(prefix);
    }

    public String newName(String prefix) {
        return prefix + String.format("%010d", index++);
    }

    /** A generated store name: {@code prefix + "STATE-STORE-" + index}. */
    public String newStoreName(String prefix) {
        return prefix + "STATE-STORE-" + String.format("%010d", index++);
    }
}
