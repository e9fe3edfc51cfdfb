package io.sluice.streams.processor.internals;

import io.sluice.streams.processor.StateStore;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One task's instance of (part of) a topology: its nodes wired to their children, sources by topic, and the stores
 * it owns, all new and uninitialised.
 */
public final class ProcessorTopology {
    private final List<ProcessorNode<?, ?, ?, ?>> nodes;
    private final Map<String, SourceNode<?, ?>> sourcesByTopic;
    private final List<StateStore> stores;
    private final Set<String> repartitionTopics;

    ProcessorTopology(List<ProcessorNode<?, ?, ?, ?>> nodes, Map<String, SourceNode<?, ?>> sourcesByTopic,
                      List<StateStore> stores, Set<String> repartitionTopics) {
        this.nodes = List.copyOf(nodes);
        this.sourcesByTopic = Map.copyOf(sourcesByTopic);
        this.stores = List.copyOf(stores);
        this.repartitionTopics = Set.copyOf(repartitionTopics);
    }

    /** The changelog topic of a store: {@code <application.id>-<store>-changelog}. */
    public static String changelogTopic(String applicationId, String storeName) {
        return applicationId + "-" + storeName + "-changelog";
    }

    /** Nodes in the order they were added to the topology (parents before children). */
    List<ProcessorNode<?, ?, ?, ?>> nodes() {
        return nodes;
    }

    SourceNode<?, ?> source(String topic) {
        return sourcesByTopic.get(topic);
    }

    public Set<String> sourceTopics() {
        return sourcesByTopic.keySet();
    }

    /** Internal topics this topology writes and reads back (names without the application id prefix resolved). */
    public Set<String> repartitionTopics() {
        return repartitionTopics;
    }

    public Collection<StateStore> stores() {
        return Collections.unmodifiableList(stores);
    }
}
