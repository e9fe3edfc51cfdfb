package io.sluice.streams.processor.internals;

import io.sluice.streams.TopologyDescription;
import io.sluice.streams.processor.TopicNameExtractor;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A snapshot of an {@link InternalTopologyBuilder}'s graph as a {@link TopologyDescription}, printed in Kafka
 * Streams' text layout (so tooling and habits carry over) or as Mermaid.
 */
public final class TopologyDescriptionImpl implements TopologyDescription {
    private final SortedSet<Subtopology> subtopologies = new TreeSet<>(Comparator.comparingInt(Subtopology::id));
    private final SortedSet<GlobalStore> globalStores = new TreeSet<>(Comparator.comparingInt(GlobalStore::id));

    public TopologyDescriptionImpl(InternalTopologyBuilder builder) {
        Map<String, NodeImpl> nodes = new LinkedHashMap<>();
        builder.nodeFactories().values().forEach(factory -> nodes.put(factory.name, describe(factory)));
        for (NodeFactory factory : builder.nodeFactories().values()) {
            for (String predecessor : factory.predecessors) {
                nodes.get(factory.name).predecessors.add(nodes.get(predecessor));
                nodes.get(predecessor).successors.add(nodes.get(factory.name));
            }
        }
        Map<Integer, List<String>> groups = builder.subtopologies();
        groups.forEach((id, names) -> subtopologies.add(new SubtopologyImpl(id,
            names.stream().map(nodes::get).collect(Collectors.toCollection(LinkedHashSet::new)))));
        builder.globalStoreSubtopologies().forEach((store, id) -> {
            InternalTopologyBuilder.GlobalStoreDeclaration global = builder.globalStoreDeclarations().get(store);
            globalStores.add(new GlobalStoreImpl(id, (Source) nodes.get(global.sourceName()),
                (Processor) nodes.get(global.processorName())));
        });
    }

    private static NodeImpl describe(NodeFactory factory) {
        if (factory instanceof SourceNodeFactory source) {
            return new SourceImpl(source.name, new LinkedHashSet<>(source.topics));
        }
        if (factory instanceof SinkNodeFactory sink) {
            return new SinkImpl(sink.name, sink.topic, sink.topicExtractor);
        }
        return new ProcessorImpl(factory.name, new LinkedHashSet<>(((ProcessorNodeFactory) factory).stores));
    }

    @Override
    public SortedSet<Subtopology> subtopologies() {
        return Collections.unmodifiableSortedSet(subtopologies);
    }

    @Override
    public SortedSet<GlobalStore> globalStores() {
        return Collections.unmodifiableSortedSet(globalStores);
    }

    @Override
    public String toString() {
        // Stream sub-topologies and global stores share one numbering; print them in its order, as Kafka does.
        Map<Integer, String> byId = new TreeMap<>();
        for (Subtopology subtopology : subtopologies) {
            StringBuilder text = new StringBuilder("   Sub-topology: ").append(subtopology.id()).append('\n');
            subtopology.nodes().forEach(text::append);
            byId.put(subtopology.id(), text.toString());
        }
        for (GlobalStore global : globalStores) {
            byId.put(global.id(), "  Sub-topology: " + global.id() + " for global store (will not generate tasks)\n"
                + global.source() + global.processor());
        }
        StringBuilder out = new StringBuilder("Topologies:\n");
        byId.values().forEach(out::append);
        return out.toString();
    }

    @Override
    public String toMermaid() {
        StringBuilder out = new StringBuilder("flowchart TD\n");
        for (Subtopology subtopology : subtopologies) {
            out.append("  subgraph sub").append(subtopology.id()).append("[\"Sub-topology ")
                .append(subtopology.id()).append("\"]\n");
            subtopology.nodes().forEach(node -> mermaidNode(out, node));
            out.append("  end\n");
        }
        for (GlobalStore global : globalStores) {
            out.append("  subgraph global").append(global.id()).append("[\"Global store\"]\n");
            mermaidNode(out, global.source());
            mermaidNode(out, global.processor());
            out.append("  end\n");
        }
        Set<String> topics = new LinkedHashSet<>();
        Set<String> storeNames = new LinkedHashSet<>();
        StringBuilder edges = new StringBuilder();
        for (Node node : allNodes()) {
            for (Node successor : node.successors()) {
                edges.append("  ").append(id(node)).append(" --> ").append(id(successor)).append('\n');
            }
            if (node instanceof Source source) {
                for (String topic : source.topicSet()) {
                    topics.add(topic);
                    edges.append("  ").append(topicId(topic)).append(" --> ").append(id(node)).append('\n');
                }
            } else if (node instanceof Sink sink && sink.topic() != null) {
                topics.add(sink.topic());
                edges.append("  ").append(id(node)).append(" --> ").append(topicId(sink.topic())).append('\n');
            } else if (node instanceof Processor processor) {
                for (String store : processor.stores()) {
                    storeNames.add(store);
                    edges.append("  ").append(id(node)).append(" -.- ").append(storeId(store)).append('\n');
                }
            }
        }
        topics.forEach(topic -> out.append("  ").append(topicId(topic)).append("[/\"").append(topic)
            .append("\"/]\n"));
        storeNames.forEach(store -> out.append("  ").append(storeId(store)).append("[(\"").append(store)
            .append("\")]\n"));
        return out.append(edges).toString();
    }

    private List<Node> allNodes() {
        List<Node> all = new java.util.ArrayList<>();
        subtopologies.forEach(subtopology -> all.addAll(subtopology.nodes()));
        globalStores.forEach(global -> {
            all.add(global.source());
            all.add(global.processor());
        });
        return all;
    }

    private static void mermaidNode(StringBuilder out, Node node) {
        out.append("    ").append(id(node)).append("[\"").append(node.name()).append("\"]\n");
    }

    private static String id(Node node) {
        return "n_" + sanitize(node.name());
    }

    private static String topicId(String topic) {
        return "t_" + sanitize(topic);
    }

    private static String storeId(String store) {
        return "s_" + sanitize(store);
    }

    private static String sanitize(String name) {
        return name.replaceAll("[^A-Za-z0-9_]", "_");
    }

    private abstract static class NodeImpl implements Node {
        private final String name;
        final Set<Node> predecessors = new LinkedHashSet<>();
        final Set<Node> successors = new LinkedHashSet<>();

        NodeImpl(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Set<Node> predecessors() {
            return Collections.unmodifiableSet(predecessors);
        }

        @Override
        public Set<Node> successors() {
            return Collections.unmodifiableSet(successors);
        }

        String arrows() {
            StringBuilder out = new StringBuilder();
            if (!(this instanceof Sink)) {
                out.append("      --> ").append(successors.isEmpty() ? "none" : names(successors)).append('\n');
            }
            if (!predecessors.isEmpty()) {
                out.append("      <-- ").append(names(predecessors)).append('\n');
            }
            return out.toString();
        }

        private static String names(Set<Node> nodes) {
            return nodes.stream().map(Node::name).collect(Collectors.joining(", "));
        }

    }

    private static final class SourceImpl extends NodeImpl implements Source {
        private final Set<String> topics;

        SourceImpl(String name, Set<String> topics) {
            super(name);
            this.topics = topics;
        }

        @Override
        public Set<String> topicSet() {
            return Collections.unmodifiableSet(topics);
        }

        @Override
        public Pattern topicPattern() {
            return null;
        }

        @Override
        public String toString() {
            return "    Source: " + name() + " (topics: " + topics + ")\n" + arrows();
        }
    }

    private static final class ProcessorImpl extends NodeImpl implements Processor {
        private final Set<String> stores;

        ProcessorImpl(String name, Set<String> stores) {
            super(name);
            this.stores = stores;
        }

        @Override
        public Set<String> stores() {
            return Collections.unmodifiableSet(stores);
        }

        @Override
        public String toString() {
            return "    Processor: " + name() + " (stores: " + stores + ")\n" + arrows();
        }
    }

    private static final class SinkImpl extends NodeImpl implements Sink {
        private final String topic;
        private final TopicNameExtractor<?, ?> extractor;

        SinkImpl(String name, String topic, TopicNameExtractor<?, ?> extractor) {
            super(name);
            this.topic = topic;
            this.extractor = extractor;
        }

        @Override
        public String topic() {
            return topic;
        }

        @Override
        public TopicNameExtractor<?, ?> topicNameExtractor() {
            return extractor;
        }

        @Override
        public String toString() {
            return "    Sink: " + name() + " (" + (topic != null ? "topic: " + topic : "extractor class: "
                + extractor.getClass().getName()) + ")\n" + arrows();
        }
    }

    private record SubtopologyImpl(int id, Set<Node> nodes) implements Subtopology {
    }

    private record GlobalStoreImpl(int id, Source source, Processor processor) implements GlobalStore {
    }
}
