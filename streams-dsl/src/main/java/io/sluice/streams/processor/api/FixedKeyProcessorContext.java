package io.sluice.streams.processor.api;

/**
 * A {@link FixedKeyProcessor}'s context: forwards records whose key is the one received.
 *
 * @param <KForward> key type (unchanged from the input)
 * @param <VForward> value type this processor may forward
 */
public interface FixedKeyProcessorContext<KForward, VForward> extends ProcessingContext {
    <K extends KForward, V extends VForward> void forward(FixedKeyRecord<K, V> record);

    <K extends KForward, V extends VForward> void forward(FixedKeyRecord<K, V> record, String childName);
}
