package io.sluice.streams.processor.internals;

import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorSupplier;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** A processor: its supplier and the stores it may use. */
final class ProcessorNodeFactory extends NodeFactory {
    final ProcessorSupplier<?, ?, ?, ?> supplier;
    final Set<String> stores = new LinkedHashSet<>();

    ProcessorNodeFactory(String name, List<String> predecessors, ProcessorSupplier<?, ?, ?, ?> supplier) {
        super(name, predecessors);
        this.supplier = supplier;
    }

    @Override
    ProcessorNode<?, ?, ?, ?> build(UnaryOperator<String> topics) {
        Processor<?, ?, ?, ?> processor = supplier.get();
        if (processor == null) {
            throw new StreamsException("the ProcessorSupplier of processor '" + name + "' returned null");
        }
        return new ProcessorNode<>(name, processor, stores);
    }
}
