package io.sluice.streams.processor.internals;

import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.Record;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One task's instance of a topology node: a processor, its children and the names of the stores it may use.
 *
 * <p>Threading: owned by the task's thread. Records reach a node only through its parent's forward (or, for a
 * source, the task), with the task context's current node set to this node.
 */
public class ProcessorNode<KIn, VIn, KOut, VOut> {
    private final String name;
    private final Processor<KIn, VIn, KOut, VOut> processor;
    private final Set<String> stores;
    /** Immutable, replaced as children are added while the task is built: forwarding reads it allocation-free. */
    private List<ProcessorNode<?, ?, ?, ?>> children = List.of();
    private final Map<String, ProcessorNode<?, ?, ?, ?>> childrenByName = new LinkedHashMap<>();

    ProcessorNode(String name, Processor<KIn, VIn, KOut, VOut> processor, Set<String> stores) {
        this.name = name;
        this.processor = processor;
        this.stores = Set.copyOf(stores);
    }

    public String name() {
        return name;
    }

    Set<String> stores() {
        return stores;
    }

    /** The children, immutable; index it rather than iterate on hot paths (no iterator allocated). */
    List<ProcessorNode<?, ?, ?, ?>> children() {
        return children;
    }

    ProcessorNode<?, ?, ?, ?> child(String childName) {
        return childrenByName.get(childName);
    }

    void addChild(ProcessorNode<?, ?, ?, ?> child) {
        List<ProcessorNode<?, ?, ?, ?>> more = new ArrayList<>(children);
        more.add(child);
        children = List.copyOf(more);
        childrenByName.put(child.name(), child);
    }

    @SuppressWarnings("unchecked") // the context forwards what this node's processor declared it forwards
    void init(ProcessorContextImpl context) {
        try {
            processor.init((ProcessorContext<KOut, VOut>) (ProcessorContext<?, ?>) context);
        } catch (RuntimeException e) {
            throw new StreamsException("failed to initialize processor " + name + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked") // the topology connects a node only to parents forwarding its input types
    void process(Record<?, ?> record) {
        processor.process((Record<KIn, VIn>) record);
    }

    void close() {
        processor.close();
    }

    @Override
    public String toString() {
        return name;
    }
}
