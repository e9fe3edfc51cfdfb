package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Printed;
import io.sluice.streams.processor.api.Processor;
import io.sluice.streams.processor.api.ProcessorContext;
import io.sluice.streams.processor.api.Record;

/**
 * The terminal node of {@code KStream#print}: writes one line per record to its node's shared
 * {@link PrintDestination}, which it holds open from init to close.
 *
 * <p>Threading: the task's thread; the destination is shared with the same node in other tasks.
 */
final class PrintProcessor<K, V> implements Processor<K, V, Void, Void> {
    private final Printed<K, V> printed;
    private final String processorName;
    private final PrintDestination destination;
    private boolean acquired;

    PrintProcessor(Printed<K, V> printed, String processorName, PrintDestination destination) {
        this.printed = printed;
        this.processorName = processorName;
        this.destination = destination;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        destination.acquire();
        acquired = true;
    }

    @Override
    public void process(Record<K, V> record) {
        destination.println(printed.line(processorName, record.key(), record.value()));
    }

    @Override
    public void close() {
        if (acquired) {
            acquired = false;
            destination.release();
        }
    }
}
