package io.sluice.streams.processor.api;

/**
 * A node of a topology: receives records one at a time and forwards any number of records downstream. One
 * instance per task, called from that task's thread only, so it may keep unsynchronized state.
 *
 * @param <KIn> input key type
 * @param <VIn> input value type
 * @param <KOut> output key type
 * @param <VOut> output value type
 */
public interface Processor<KIn, VIn, KOut, VOut> {
    /** Called once before the first record; keep the context to forward, schedule and reach stores. */
    default void init(ProcessorContext<KOut, VOut> context) {
    }

    void process(Record<KIn, VIn> record);

    /** Called once when the task closes; release what {@link #init} acquired (not the stores: the task owns them). */
    default void close() {
    }
}
