package io.sluice.streams.processor.internals;

import io.sluice.streams.AutoOffsetReset;
import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StreamPartitioner;
import io.sluice.streams.processor.TimestampExtractor;
import io.sluice.streams.processor.TopicNameExtractor;
import io.sluice.streams.processor.api.ProcessorSupplier;
import io.sluice.streams.state.StoreBuilder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The declarations behind a {@code Topology}: nodes, stores, global stores and internal topics, validated as they
 * are added, from which {@link #build} makes a task's {@link ProcessorTopology}. Sub-topologies are the connected
 * groups of nodes (edges between parents and children, and between processors sharing a store); a repartition
 * topic cuts them apart because its sink and its source are not connected nodes.
 *
 * <p>Threading: built on one thread, then only read.
 */
public final class InternalTopologyBuilder {
    private final Map<String, NodeFactory> nodes = new LinkedHashMap<>();
    private final Map<String, String> sourceNodeByTopic = new HashMap<>();
    private final Map<String, StoreBuilder<?>> stores = new LinkedHashMap<>();
    private final Map<String, GlobalStoreDeclaration> globalStores = new LinkedHashMap<>();
    private final Map<String, Integer> repartitionTopics = new LinkedHashMap<>();

    /** A global store: a whole-topic copy in every instance, fed by its own source and processor. */
    record GlobalStoreDeclaration(StoreBuilder<?> store, String sourceName, String processorName, String topic) {
    }

    // ---- declaring

    public void addSource(AutoOffsetReset offsetReset, String name, TimestampExtractor timestampExtractor,
                          Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer, String... topics) {
        checkNewName(name);
        if (topics == null || topics.length == 0) {
            throw new TopologyException("source " + name + " must read at least one topic");
        }
        for (String topic : topics) {
            Objects.requireNonNull(topic, "topic");
            String existing = sourceNodeByTopic.get(topic);
            if (existing != null) {
                throw new TopologyException("topic " + topic + " is already read by source " + existing
                    + "; read it once and branch, or merge streams");
            }
        }
        for (String topic : topics) {
            sourceNodeByTopic.put(topic, name);
        }
        nodes.put(name, new SourceNodeFactory(name, List.of(topics), keyDeserializer, valueDeserializer,
            timestampExtractor, offsetReset));
    }

    public <KIn, VIn, KOut, VOut> void addProcessor(String name, ProcessorSupplier<KIn, VIn, KOut, VOut> supplier,
                                                    String... parentNames) {
        Objects.requireNonNull(supplier, "supplier");
        checkNewName(name);
        List<String> parents = checkParents(name, parentNames);
        ProcessorNodeFactory factory = new ProcessorNodeFactory(name, parents, supplier);
        nodes.put(name, factory);
        Set<StoreBuilder<?>> provided = supplier.stores();
        if (provided != null) {
            for (StoreBuilder<?> store : provided) {
                addStateStore(store, true, name);
            }
        }
    }

    public void addSink(String name, String topic, Serializer<?> keySerializer, Serializer<?> valueSerializer,
                        StreamPartitioner<?, ?> partitioner, String... parentNames) {
        Objects.requireNonNull(topic, "topic");
        addSink(name, topic, null, keySerializer, valueSerializer, partitioner, parentNames);
    }

    public void addSink(String name, TopicNameExtractor<?, ?> topicExtractor, Serializer<?> keySerializer,
                        Serializer<?> valueSerializer, StreamPartitioner<?, ?> partitioner, String... parentNames) {
        Objects.requireNonNull(topicExtractor, "topicExtractor");
        addSink(name, null, topicExtractor, keySerializer, valueSerializer, partitioner, parentNames);
    }

    private void addSink(String name, String topic, TopicNameExtractor<?, ?> topicExtractor,
                         Serializer<?> keySerializer, Serializer<?> valueSerializer,
                         StreamPartitioner<?, ?> partitioner, String... parentNames) {
        checkNewName(name);
        List<String> parents = checkParents(name, parentNames);
        nodes.put(name, new SinkNodeFactory(name, parents, topic, topicExtractor, keySerializer, valueSerializer,
            partitioner));
    }

    /**
     * Adds a store and connects it to processors. Adding the same builder again only connects (the DSL shares a
     * store between the two sides of a join); a different store with a taken name is an error.
     */
    public void addStateStore(StoreBuilder<?> store, boolean allowReAdd, String... processorNames) {
        Objects.requireNonNull(store, "store");
        StoreBuilder<?> existing = stores.get(store.name());
        if (existing != null && !(allowReAdd && existing == store)) {
            throw new TopologyException("a state store named " + store.name() + " is already added");
        }
        if (globalStores.containsKey(store.name())) {
            throw new TopologyException("a global state store named " + store.name() + " is already added");
        }
        stores.put(store.name(), store);
        connectProcessorAndStateStores(processorNames, store.name());
    }

    /** The parents of node {@code name}, or an empty list for a source or an unknown node. */
    public List<String> parentsOf(String name) {
        NodeFactory node = nodes.get(name);
        return node == null ? List.of() : node.predecessors;
    }

    /** The supplier of processor {@code name}, or {@code null} if it is not a processor. */
    public ProcessorSupplier<?, ?, ?, ?> processorSupplier(String name) {
        return nodes.get(name) instanceof ProcessorNodeFactory processor ? processor.supplier : null;
    }

    public void connectProcessorAndStateStores(String processorName, String... storeNames) {
        for (String storeName : storeNames) {
            if (!stores.containsKey(storeName)) {
                throw new TopologyException("state store " + storeName + " is not added yet");
            }
            connectProcessorAndStateStores(new String[] {processorName}, storeName);
        }
    }

    private void connectProcessorAndStateStores(String[] processorNames, String storeName) {
        for (String processorName : processorNames) {
            if (!(nodes.get(processorName) instanceof ProcessorNodeFactory processor)) {
                throw new TopologyException((nodes.containsKey(processorName) ? "node " + processorName
                    + " is not a processor" : "processor " + processorName + " is not added yet")
                    + "; stores connect to processors only");
            }
            processor.stores.add(storeName);
        }
    }

    public void addGlobalStore(StoreBuilder<?> store, String sourceName, TimestampExtractor timestampExtractor,
                               Deserializer<?> keyDeserializer, Deserializer<?> valueDeserializer, String topic,
                               String processorName, ProcessorSupplier<?, ?, Void, Void> supplier) {
        if (store.loggingEnabled()) {
            throw new TopologyException("global store " + store.name() + " must have logging disabled: its source "
                + "topic " + topic + " already is its changelog");
        }
        if (stores.containsKey(store.name()) || globalStores.containsKey(store.name())) {
            throw new TopologyException("a state store named " + store.name() + " is already added");
        }
        addSource(null, sourceName, timestampExtractor, keyDeserializer, valueDeserializer, topic);
        addProcessor(processorName, supplier, sourceName);
        ((ProcessorNodeFactory) nodes.get(processorName)).stores.add(store.name());
        globalStores.put(store.name(), new GlobalStoreDeclaration(store, sourceName, processorName, topic));
    }

    /** Declares an internal topic (its name without the application id prefix) that the topology writes and reads. */
    public void addRepartitionTopic(String name, Integer partitions) {
        repartitionTopics.put(name, partitions);
    }

    private void checkNewName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new TopologyException("node names must not be empty");
        }
        if (nodes.containsKey(name)) {
            throw new TopologyException("a node named " + name + " is already added");
        }
    }

    private List<String> checkParents(String name, String... parentNames) {
        if (parentNames == null || parentNames.length == 0) {
            throw new TopologyException("node " + name + " needs at least one parent");
        }
        for (String parent : parentNames) {
            if (parent.equals(name)) {
                throw new TopologyException("node " + name + " cannot be its own parent");
            }
            NodeFactory factory = nodes.get(parent);
            if (factory == null) {
                throw new TopologyException("parent " + parent + " of node " + name + " is not added yet");
            }
            if (factory instanceof SinkNodeFactory) {
                throw new TopologyException("sink " + parent + " cannot be the parent of " + name);
            }
        }
        return List.of(parentNames);
    }

    // ---- reading

    Map<String, NodeFactory> nodeFactories() {
        return nodes;
    }

    Map<String, StoreBuilder<?>> storeBuilders() {
        return stores;
    }

    Map<String, GlobalStoreDeclaration> globalStoreDeclarations() {
        return globalStores;
    }

    public Map<String, Integer> repartitionTopicDeclarations() {
        return repartitionTopics;
    }

    /** The source topic of every global store, by store name: the store is a copy of the whole topic. */
    public Map<String, String> globalStoreTopics() {
        Map<String, String> topics = new LinkedHashMap<>();
        globalStores.forEach((store, declaration) -> topics.put(store, declaration.topic()));
        return Collections.unmodifiableMap(topics);
    }

    /** Nodes belonging to global stores (their own world, outside every sub-topology). */
    public Set<String> globalNodeNames() {
        Set<String> names = new LinkedHashSet<>();
        for (GlobalStoreDeclaration global : globalStores.values()) {
            names.add(global.sourceName());
            names.add(global.processorName());
        }
        return names;
    }

    /**
     * Sub-topology number → its node names (in the order nodes were added), for the stream sub-topologies. Numbered
     * as Kafka Streams numbers them, so descriptions and task ids of a port match: groups (global stores included)
     * in the order of their source nodes' names, sorted; then groups without a source, by their nodes' names.
     */
    public Map<Integer, List<String>> subtopologies() {
        Map<Integer, List<String>> streamGroups = new TreeMap<>();
        Set<String> global = globalNodeNames();
        numberedGroups().forEach((id, group) -> {
            if (!global.contains(group.get(0))) {
                streamGroups.put(id, group);
            }
        });
        return streamGroups;
    }

    /** The sub-topology number of each global store, by store name, numbered with {@link #subtopologies()}. */
    public Map<String, Integer> globalStoreSubtopologies() {
        Map<String, Integer> ids = new LinkedHashMap<>();
        Map<Integer, List<String>> groups = numberedGroups();
        globalStores.forEach((store, declaration) -> groups.forEach((id, group) -> {
            if (group.contains(declaration.sourceName())) {
                ids.put(store, id);
            }
        }));
        return ids;
    }

    /** Every group of connected nodes (a global store's source and processor are one), numbered as Kafka does. */
    private Map<Integer, List<String>> numberedGroups() {
        Map<String, String> parent = new HashMap<>();
        for (String node : nodes.keySet()) {
            parent.put(node, node);
        }
        for (NodeFactory node : nodes.values()) {
            for (String predecessor : node.predecessors) {
                union(parent, node.name, predecessor);
            }
        }
        Set<String> global = globalNodeNames();
        Map<String, String> firstUserOfStore = new HashMap<>();
        for (NodeFactory node : nodes.values()) {
            if (node instanceof ProcessorNodeFactory processor && !global.contains(node.name)) {
                for (String store : processor.stores) {
                    String first = firstUserOfStore.putIfAbsent(store, node.name);
                    if (first != null) {
                        union(parent, first, node.name);
                    }
                }
            }
        }
        Map<String, List<String>> byRoot = new LinkedHashMap<>();
        for (String node : nodes.keySet()) {
            byRoot.computeIfAbsent(find(parent, node), root -> new ArrayList<>()).add(node);
        }
        List<String> numberingOrder = new ArrayList<>();
        nodes.values().stream().filter(node -> node instanceof SourceNodeFactory).map(node -> node.name).sorted()
            .forEach(numberingOrder::add);
        nodes.keySet().stream().sorted().forEach(numberingOrder::add);
        Map<Integer, List<String>> numbered = new TreeMap<>();
        Set<String> numberedRoots = new HashSet<>();
        for (String node : numberingOrder) {
            String root = find(parent, node);
            if (numberedRoots.add(root)) {
                numbered.put(numbered.size(), List.copyOf(byRoot.get(root)));
            }
        }
        return numbered;
    }

    private static String find(Map<String, String> parent, String node) {
        String root = node;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        parent.put(node, root);
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String rootA = find(parent, a);
        String rootB = find(parent, b);
        if (!rootA.equals(rootB)) {
            parent.put(rootB, rootA);
        }
    }

    // ---- building

    /**
     * A new instance of the given nodes (a task's share of the topology) with new stores. Internal topic names get
     * the {@code <applicationId>-} prefix here.
     */
    public ProcessorTopology build(String applicationId, Set<String> nodeNames) {
        Map<String, ProcessorNode<?, ?, ?, ?>> built = new LinkedHashMap<>();
        Map<String, SourceNode<?, ?>> sourcesByTopic = new HashMap<>();
        Set<String> storeNames = new LinkedHashSet<>();
        for (NodeFactory factory : nodes.values()) {
            if (!nodeNames.contains(factory.name)) {
                continue;
            }
            ProcessorNode<?, ?, ?, ?> node = factory.build(topic -> resolve(applicationId, topic));
            built.put(factory.name, node);
            for (String predecessor : factory.predecessors) {
                built.get(predecessor).addChild(node);
            }
            if (node instanceof SourceNode<?, ?> source) {
                source.topics().forEach(topic -> sourcesByTopic.put(topic, source));
            }
            if (factory instanceof ProcessorNodeFactory processor) {
                storeNames.addAll(processor.stores);
            }
        }
        List<StateStore> builtStores = new ArrayList<>();
        for (String storeName : storeNames) {
            StoreBuilder<?> builder = stores.get(storeName);
            GlobalStoreDeclaration global = globalStores.get(storeName);
            // A global store belongs to the global nodes' topology only.
            if (builder == null && global != null && nodeNames.contains(global.processorName())) {
                builder = global.store();
            }
            if (builder != null) {
                builtStores.add(builder.build());
            }
        }
        Set<String> internal = new LinkedHashSet<>();
        repartitionTopics.keySet().forEach(topic -> internal.add(resolve(applicationId, topic)));
        return new ProcessorTopology(new ArrayList<>(built.values()), sourcesByTopic, builtStores, internal);
    }

    /**
     * What a running application needs to know of one sub-topology, topic names resolved: the topics it reads and
     * writes (sink topics named by a {@code TopicNameExtractor} are not known in advance and are left out), and
     * its stores with the changelog topic and topic config of each logged one.
     */
    public record SubtopologyTopics(int id, Set<String> sourceTopics, Set<String> sinkTopics, Set<String> stores,
                                    Map<String, String> changelogTopicsByStore,
                                    Map<String, Map<String, String>> changelogConfigs) {
    }

    /** {@link SubtopologyTopics} of every stream sub-topology, by number. */
    public Map<Integer, SubtopologyTopics> subtopologyTopics(String applicationId) {
        Map<Integer, SubtopologyTopics> result = new TreeMap<>();
        subtopologies().forEach((id, nodeNames) -> {
            Set<String> sources = new LinkedHashSet<>();
            Set<String> sinks = new LinkedHashSet<>();
            Set<String> storeNames = new LinkedHashSet<>();
            for (String nodeName : nodeNames) {
                NodeFactory node = nodes.get(nodeName);
                if (node instanceof SourceNodeFactory source) {
                    source.topics.forEach(topic -> sources.add(resolve(applicationId, topic)));
                } else if (node instanceof SinkNodeFactory sink && sink.topic != null) {
                    sinks.add(resolve(applicationId, sink.topic));
                } else if (node instanceof ProcessorNodeFactory processor) {
                    processor.stores.stream().filter(stores::containsKey).forEach(storeNames::add);
                }
            }
            Map<String, String> changelogs = new LinkedHashMap<>();
            Map<String, Map<String, String>> configs = new LinkedHashMap<>();
            for (String storeName : storeNames) {
                StoreBuilder<?> store = stores.get(storeName);
                if (store.loggingEnabled()) {
                    String topic = ProcessorTopology.changelogTopic(applicationId, storeName);
                    changelogs.put(storeName, topic);
                    configs.put(topic, Collections.unmodifiableMap(new LinkedHashMap<>(store.logConfig())));
                }
            }
            result.put(id, new SubtopologyTopics(id, Collections.unmodifiableSet(sources),
                Collections.unmodifiableSet(sinks), Collections.unmodifiableSet(storeNames),
                Collections.unmodifiableMap(changelogs), Collections.unmodifiableMap(configs)));
        });
        return result;
    }

    /**
     * The offset reset policy of every source topic (topic names resolved) whose source node names one; topics
     * not in the map use the application's default.
     */
    public Map<String, AutoOffsetReset> offsetResets(String applicationId) {
        Map<String, AutoOffsetReset> resets = new LinkedHashMap<>();
        for (NodeFactory node : nodes.values()) {
            if (node instanceof SourceNodeFactory source && source.offsetReset != null) {
                source.topics.forEach(topic -> resets.put(resolve(applicationId, topic), source.offsetReset));
            }
        }
        return resets;
    }

    /** Every node of every sub-topology, i.e. all but the global stores' nodes. */
    public Set<String> taskNodeNames() {
        Set<String> names = new LinkedHashSet<>(nodes.keySet());
        names.removeAll(globalNodeNames());
        return names;
    }

    /** The fully qualified name of {@code topic}: prefixed when it is one of this topology's internal topics. */
    public String resolve(String applicationId, String topic) {
        return repartitionTopics.containsKey(topic) ? applicationId + "-" + topic : topic;
    }
}
