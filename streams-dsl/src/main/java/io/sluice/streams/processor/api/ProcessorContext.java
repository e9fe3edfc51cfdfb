package io.sluice.streams.processor.api;

/**
 * A {@link Processor}'s context: forwards records to the processor's children.
 *
 * @param <KForward> key type this processor may forward
 * @param <VForward> value type this processor may forward
 */
public interface ProcessorContext<KForward, VForward> extends ProcessingContext {
    /** Sends {@code record} to every child, one after another, before returning. */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record);

    /**
     * Sends {@code record} to the one child named {@code childName}.
     *
     * @throws io.sluice.streams.errors.StreamsException when there is no such child
     */
    <K extends KForward, V extends VForward> void forward(Record<K, V> record, String childName);
}
