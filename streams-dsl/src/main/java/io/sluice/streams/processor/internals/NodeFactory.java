package io.sluice.streams.processor.internals;

import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The declaration of one topology node, from which each task builds its own {@link ProcessorNode}. Immutable
 * after the topology is built.
 */
abstract class NodeFactory {
    final String name;
    final List<String> predecessors;

    NodeFactory(String name, List<String> predecessors) {
        this.name = name;
        this.predecessors = List.copyOf(predecessors);
    }

    /**
     * A new node with fresh processor state (one per task).
     *
     * @param topics maps a declared topic name to the real one (internal topics get the application id prefix)
     */
    abstract ProcessorNode<?, ?, ?, ?> build(UnaryOperator<String> topics);
}
