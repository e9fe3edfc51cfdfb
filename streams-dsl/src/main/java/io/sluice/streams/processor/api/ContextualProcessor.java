package io.sluice.streams.processor.api;

/** A {@link Processor} that keeps its context, for subclasses that only need {@link #context()}. */
public abstract class ContextualProcessor<KIn, VIn, KOut, VOut> implements Processor<KIn, VIn, KOut, VOut> {
    private ProcessorContext<KOut, VOut> context;

    protected ContextualProcessor() {
    }

    @Override
    public void init(ProcessorContext<KOut, VOut> context) {
        this.context = context;
    }

    protected final ProcessorContext<KOut, VOut> context() {
        return context;
    }
}
