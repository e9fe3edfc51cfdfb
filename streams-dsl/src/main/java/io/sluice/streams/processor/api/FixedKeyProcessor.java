package io.sluice.streams.processor.api;

/**
 * A processor that may change values, timestamps and headers but never keys. One instance per task, called from
 * that task's thread only.
 *
 * @param <KIn> key type, in and out
 * @param <VIn> input value type
 * @param <VOut> output value type
 */
public interface FixedKeyProcessor<KIn, VIn, VOut> {
    default void init(FixedKeyProcessorContext<KIn, VOut> context) {
    }

    void process(FixedKeyRecord<KIn, VIn> record);

    default void close() {
    }
}
