package io.sluice.streams.processor.api;

import io.sluice.streams.processor.ConnectedStoreProvider;
import java.util.function.Supplier;

/**
 * Makes a new {@link Processor} for each task; must return a new instance on every call.
 */
@FunctionalInterface
public interface ProcessorSupplier<KIn, VIn, KOut, VOut>
    extends ConnectedStoreProvider, Supplier<Processor<KIn, VIn, KOut, VOut>> {
    @Override
    Processor<KIn, VIn, KOut, VOut> get();
}
