package io.sluice.streams.kstream;

import io.sluice.streams.AutoOffsetReset;
import io.sluice.streams.processor.TimestampExtractor;
import org.apache.kafka.common.serialization.Serde;

/**
 * How a source reads its topic: key and value serdes, the timestamp extractor, the offset reset policy and the
 * source processor's name. Each setting is {@code null} unless given, and then the application's configured
 * default applies. Immutable: {@code withX} returns a copy.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class Consumed<K, V> implements NamedOperation<Consumed<K, V>> {
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final TimestampExtractor timestampExtractor;
    private final AutoOffsetReset offsetResetPolicy;
    private final String name;

    private Consumed(Serde<K> keySerde, Serde<V> valueSerde, TimestampExtractor timestampExtractor,
                     AutoOffsetReset offsetResetPolicy, String name) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.timestampExtractor = timestampExtractor;
        this.offsetResetPolicy = offsetResetPolicy;
        this.name = Named.validateOrNull(name);
    }

    /** A copy of {@code consumed}, for subclasses. */
    protected Consumed(Consumed<K, V> consumed) {
        this(consumed.keySerde, consumed.valueSerde, consumed.timestampExtractor, consumed.offsetResetPolicy,
            consumed.name);
    }

    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde,
                                             TimestampExtractor timestampExtractor,
                                             AutoOffsetReset resetPolicy) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, null);
    }

    public static <K, V> Consumed<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, null, null, null);
    }

    public static <K, V> Consumed<K, V> with(TimestampExtractor timestampExtractor) {
        return new Consumed<>(null, null, timestampExtractor, null, null);
    }

    public static <K, V> Consumed<K, V> with(AutoOffsetReset resetPolicy) {
        return new Consumed<>(null, null, null, resetPolicy, null);
    }

    /** @throws io.sluice.streams.errors.TopologyException if {@code processorName} is not a legal name */
    public static <K, V> Consumed<K, V> as(String processorName) {
        return new Consumed<>(null, null, null, null, processorName);
    }

    public Consumed<K, V> withKeySerde(Serde<K> keySerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, offsetResetPolicy, name);
    }

    public Consumed<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, offsetResetPolicy, name);
    }

    public Consumed<K, V> withTimestampExtractor(TimestampExtractor timestampExtractor) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, offsetResetPolicy, name);
    }

    public Consumed<K, V> withOffsetResetPolicy(AutoOffsetReset resetPolicy) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, resetPolicy, name);
    }

    @Override
    public Consumed<K, V> withName(String processorName) {
        return new Consumed<>(keySerde, valueSerde, timestampExtractor, offsetResetPolicy, processorName);
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V> valueSerde() {
        return valueSerde;
    }

    public TimestampExtractor timestampExtractor() {
        return timestampExtractor;
    }

    public AutoOffsetReset offsetResetPolicy() {
        return offsetResetPolicy;
    }

    public String name() {
        return name;
    }
}
