package io.sluice.streams.kstream;

import org.apache.kafka.common.serialization.Serde;

/**
 * How a grouping operation ({@code groupBy}, {@code groupByKey}) serializes records if it must repartition them,
 * and the name of that repartition topic and processor. Unset settings are {@code null}. Immutable.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class Grouped<K, V> implements NamedOperation<Grouped<K, V>> {
    private final String name;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;

    private Grouped(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        this.name = Named.validateOrNull(name);
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    /** A copy of {@code grouped}, for subclasses. */
    protected Grouped(Grouped<K, V> grouped) {
        this(grouped.name, grouped.keySerde, grouped.valueSerde);
    }

    public static <K, V> Grouped<K, V> as(String name) {
        return new Grouped<>(name, null, null);
    }

    public static <K, V> Grouped<K, V> keySerde(Serde<K> keySerde) {
        return new Grouped<>(null, keySerde, null);
    }

    public static <K, V> Grouped<K, V> valueSerde(Serde<V> valueSerde) {
        return new Grouped<>(null, null, valueSerde);
    }

    public static <K, V> Grouped<K, V> with(String name, Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    public static <K, V> Grouped<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Grouped<>(null, keySerde, valueSerde);
    }

    @Override
    public Grouped<K, V> withName(String name) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    public Grouped<K, V> withKeySerde(Serde<K> keySerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    public Grouped<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Grouped<>(name, keySerde, valueSerde);
    }

    public String name() {
        return name;
    }

    public Serde<K> keySerdeOrNull() {
        return keySerde;
    }

    public Serde<V> valueSerdeOrNull() {
        return valueSerde;
    }
}
