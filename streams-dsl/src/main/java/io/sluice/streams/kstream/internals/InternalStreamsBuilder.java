package io.sluice.streams.kstream.internals;

import io.sluice.streams.processor.internals.InternalTopologyBuilder;

/**
 * The DSL's side of a topology under construction: the topology builder it writes nodes into and the counter
 * behind generated names ({@code KSTREAM-FILTER-0000000003}), numbered in the order operators are called, as in
 * Kafka Streams, so generated names and {@code describe()} output match a Kafka Streams port.
 *
 * <p>Threading: the thread building the topology.
 */
public final class InternalStreamsBuilder {
    private final InternalTopologyBuilder topology;
    private int index;

    public InternalStreamsBuilder(InternalTopologyBuilder topology) {
        this.topology = topology;
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
