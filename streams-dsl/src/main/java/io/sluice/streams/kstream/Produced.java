package io.sluice.streams.kstream;

import io.sluice.streams.processor.StreamPartitioner;
import org.apache.kafka.common.serialization.Serde;

/**
 * How a sink writes its topic: key and value serdes, an optional {@link StreamPartitioner} and the sink
 * processor's name; unset settings are {@code null} and fall back to the configured defaults (and the producer's
 * partitioner). A mutable builder as in Kafka Streams: {@code withX} changes and returns {@code this}.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class Produced<K, V> implements NamedOperation<Produced<K, V>> {
    private Serde<K> keySerde;
    private Serde<V> valueSerde;
    private StreamPartitioner<? super K, ? super V> partitioner;
    private String name;

    private Produced(Serde<K> keySerde, Serde<V> valueSerde, StreamPartitioner<? super K, ? super V> partitioner,
                     String name) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.partitioner = partitioner;
        this.name = Named.validateOrNull(name);
    }

    /** A copy of {@code produced}, for subclasses. */
    protected Produced(Produced<K, V> produced) {
        this(produced.keySerde, produced.valueSerde, produced.partitioner, produced.name);
    }

    public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde) {
        return new Produced<>(keySerde, valueSerde, null, null);
    }

    public static <K, V> Produced<K, V> with(Serde<K> keySerde, Serde<V> valueSerde,
                                             StreamPartitioner<? super K, ? super V> partitioner) {
        return new Produced<>(keySerde, valueSerde, partitioner, null);
    }

    public static <K, V> Produced<K, V> as(String processorName) {
        return new Produced<>(null, null, null, processorName);
    }

    public static <K, V> Produced<K, V> keySerde(Serde<K> keySerde) {
        return new Produced<>(keySerde, null, null, null);
    }

    public static <K, V> Produced<K, V> valueSerde(Serde<V> valueSerde) {
        return new Produced<>(null, valueSerde, null, null);
    }

    public static <K, V> Produced<K, V> streamPartitioner(StreamPartitioner<? super K, ? super V> partitioner) {
        return new Produced<>(null, null, partitioner, null);
    }

    public Produced<K, V> withKeySerde(Serde<K> keySerde) {
        this.keySerde = keySerde;
        return this;
    }

    public Produced<K, V> withValueSerde(Serde<V> valueSerde) {
        this.valueSerde = valueSerde;
        return this;
    }

    public Produced<K, V> withStreamPartitioner(StreamPartitioner<? super K, ? super V> partitioner) {
        this.partitioner = partitioner;
        return this;
    }

    @Override
    public Produced<K, V> withName(String processorName) {
        this.name = Named.validateOrNull(processorName);
        return this;
    }

    public Serde<K> keySerdeOrNull() {
        return keySerde;
    }

    public Serde<V> valueSerdeOrNull() {
        return valueSerde;
    }

    /** The partitioner, or {@code null} to use the producer's. */
    public StreamPartitioner<? super K, ? super V> partitioner() {
        return partitioner;
    }

    public String name() {
        return name;
    }
}
