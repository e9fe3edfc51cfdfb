package io.sluice.streams.processor.api;

import io.sluice.streams.processor.ConnectedStoreProvider;
import java.util.function.Supplier;

/** Makes a new {@link FixedKeyProcessor} for each task; must return a new instance on every call. */
@FunctionalInterface
public interface FixedKeyProcessorSupplier<KIn, VIn, VOut>
    extends ConnectedStoreProvider, Supplier<FixedKeyProcessor<KIn, VIn, VOut>> {
    @Override
    FixedKeyProcessor<KIn, VIn, VOut> get();
}
