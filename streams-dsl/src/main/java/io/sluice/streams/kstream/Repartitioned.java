package io.sluice.streams.kstream;

import io.sluice.streams.processor.StreamPartitioner;
import org.apache.kafka.common.serialization.Serde;

/**
 * Settings of an explicit {@code repartition()}: the repartition topic's name, serdes, partition count and
 * partitioner. Unset settings are {@code null}: the topic name is generated, the serdes are the defaults and
 * the partition count is that of the upstream source topics. Immutable.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class Repartitioned<K, V> implements NamedOperation<Repartitioned<K, V>> {
    private final String name;
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Integer numberOfPartitions;
    private final StreamPartitioner<K, V> partitioner;

    private Repartitioned(String name, Serde<K> keySerde, Serde<V> valueSerde, Integer numberOfPartitions,
                          StreamPartitioner<K, V> partitioner) {
        this.name = Named.validateOrNull(name);
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        if (numberOfPartitions != null && numberOfPartitions < 1) {
            throw new IllegalArgumentException("numberOfPartitions must be at least 1, was " + numberOfPartitions);
        }
        this.numberOfPartitions = numberOfPartitions;
        this.partitioner = partitioner;
    }

    /** A copy of {@code repartitioned}, for subclasses. */
    protected Repartitioned(Repartitioned<K, V> repartitioned) {
        this(repartitioned.name, repartitioned.keySerde, repartitioned.valueSerde, repartitioned.numberOfPartitions,
            repartitioned.partitioner);
    }

    public static <K, V> Repartitioned<K, V> as(String name) {
        return new Repartitioned<>(name, null, null, null, null);
    }

    public static <K, V> Repartitioned<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Repartitioned<>(null, keySerde, valueSerde, null, null);
    }

    /** @throws IllegalArgumentException if {@code numberOfPartitions} is less than 1 */
    public static <K, V> Repartitioned<K, V> numberOfPartitions(int numberOfPartitions) {
        return new Repartitioned<>(null, null, null, numberOfPartitions, null);
    }

    public static <K, V> Repartitioned<K, V> streamPartitioner(StreamPartitioner<K, V> partitioner) {
        return new Repartitioned<>(null, null, null, null, partitioner);
    }

    @Override
    public Repartitioned<K, V> withName(String name) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    /** @throws IllegalArgumentException if {@code numberOfPartitions} is less than 1 */
    public Repartitioned<K, V> withNumberOfPartitions(int numberOfPartitions) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    public Repartitioned<K, V> withKeySerde(Serde<K> keySerde) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    public Repartitioned<K, V> withValueSerde(Serde<V> valueSerde) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    public Repartitioned<K, V> withStreamPartitioner(StreamPartitioner<K, V> partitioner) {
        return new Repartitioned<>(name, keySerde, valueSerde, numberOfPartitions, partitioner);
    }

    public String name() {
        return name;
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V> valueSerde() {
        return valueSerde;
    }

    public Integer numberOfPartitionsOrNull() {
        return numberOfPartitions;
    }

    /** The partitioner, or {@code null} to partition by the serialized key. */
    public StreamPartitioner<K, V> partitioner() {
        return partitioner;
    }
}
