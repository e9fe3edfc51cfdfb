package io.sluice.streams.processor.api;

/** A {@link FixedKeyProcessor} that keeps its context, for subclasses that only need {@link #context()}. */
public abstract class ContextualFixedKeyProcessor<KIn, VIn, VOut> implements FixedKeyProcessor<KIn, VIn, VOut> {
    private FixedKeyProcessorContext<KIn, VOut> context;

    protected ContextualFixedKeyProcessor() {
    }

    @Override
    public void init(FixedKeyProcessorContext<KIn, VOut> context) {
        this.context = context;
    }

    protected final FixedKeyProcessorContext<KIn, VOut> context() {
        return context;
    }
}
