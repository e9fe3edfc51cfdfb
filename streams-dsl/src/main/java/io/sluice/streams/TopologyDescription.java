package io.sluice.streams;

import io.sluice.streams.processor.TopicNameExtractor;
import java.util.Set;
import java.util.SortedSet;
import java.util.regex.Pattern;

/**
 * The shape of a {@link Topology}: its sub-topologies (connected groups of nodes, each run by its own tasks) and
 * global stores. {@code toString()} prints it as text; {@link #toMermaid()} renders a Mermaid flowchart.
 */
public interface TopologyDescription {
    SortedSet<Subtopology> subtopologies();

    SortedSet<GlobalStore> globalStores();

    /** The graph as a Mermaid flowchart (paste into Markdown between {@code ```mermaid} fences). */
    String toMermaid();

    /** A connected group of nodes. */
    interface Subtopology {
        int id();

        Set<Node> nodes();
    }

    /** A global store with the source and processor that fill it. */
    interface GlobalStore {
        Source source();

        Processor processor();

        int id();
    }

    /** A node and its neighbours. */
    interface Node {
        String name();

        Set<Node> predecessors();

        Set<Node> successors();
    }

    /** A source node. */
    interface Source extends Node {
        Set<String> topicSet();

        /** Sources read named topics only; always {@code null}. */
        Pattern topicPattern();
    }

    /** A processor node. */
    interface Processor extends Node {
        Set<String> stores();
    }

    /** A sink node. */
    interface Sink extends Node {
        /** The fixed topic, or {@code null} when chosen per record. */
        String topic();

        TopicNameExtractor<?, ?> topicNameExtractor();
    }
}
