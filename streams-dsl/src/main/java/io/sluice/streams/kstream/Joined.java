package io.sluice.streams.kstream;

import java.time.Duration;
import org.apache.kafka.common.serialization.Serde;

/**
 * Settings of a stream-table join: serdes for the key, this stream's values and the table's values (used if
 * the stream must be repartitioned first), the processor name, and a grace period for which stream records
 * are buffered so that they join with the table version valid at their timestamp (needs a versioned table
 * store). Unset settings are {@code null}. Immutable.
 *
 * @param <K>  key type
 * @param <V>  this stream's value type
 * @param <VO> the table's value type
 */
public class Joined<K, V, VO> implements NamedOperation<Joined<K, V, VO>> {
    private final Serde<K> keySerde;
    private final Serde<V> valueSerde;
    private final Serde<VO> otherValueSerde;
    private final String name;
    private final Duration gracePeriod;

    private Joined(Serde<K> keySerde, Serde<V> valueSerde, Serde<VO> otherValueSerde, String name,
                   Duration gracePeriod) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
        this.name = Named.validateOrNull(name);
        if (gracePeriod != null) {
            ApiArgs.nonNegativeMillis(gracePeriod, "gracePeriod");
        }
        this.gracePeriod = gracePeriod;
    }

    /** A copy of {@code joined}, for subclasses. */
    protected Joined(Joined<K, V, VO> joined) {
        this(joined.keySerde, joined.valueSerde, joined.otherValueSerde, joined.name, joined.gracePeriod);
    }

    public static <K, V, VO> Joined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde,
                                                   Serde<VO> otherValueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, null, null);
    }

    public static <K, V, VO> Joined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde,
                                                   Serde<VO> otherValueSerde, String name) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, null);
    }

    /** @throws IllegalArgumentException if {@code gracePeriod} is negative */
    public static <K, V, VO> Joined<K, V, VO> with(Serde<K> keySerde, Serde<V> valueSerde,
                                                   Serde<VO> otherValueSerde, String name, Duration gracePeriod) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    public static <K, V, VO> Joined<K, V, VO> keySerde(Serde<K> keySerde) {
        return new Joined<>(keySerde, null, null, null, null);
    }

    public static <K, V, VO> Joined<K, V, VO> valueSerde(Serde<V> valueSerde) {
        return new Joined<>(null, valueSerde, null, null, null);
    }

    public static <K, V, VO> Joined<K, V, VO> otherValueSerde(Serde<VO> otherValueSerde) {
        return new Joined<>(null, null, otherValueSerde, null, null);
    }

    public static <K, V, VO> Joined<K, V, VO> as(String name) {
        return new Joined<>(null, null, null, name, null);
    }

    public Joined<K, V, VO> withKeySerde(Serde<K> keySerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    public Joined<K, V, VO> withValueSerde(Serde<V> valueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    public Joined<K, V, VO> withOtherValueSerde(Serde<VO> otherValueSerde) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    @Override
    public Joined<K, V, VO> withName(String name) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    /** @throws IllegalArgumentException if {@code gracePeriod} is negative */
    public Joined<K, V, VO> withGracePeriod(Duration gracePeriod) {
        return new Joined<>(keySerde, valueSerde, otherValueSerde, name, gracePeriod);
    }

    public Serde<K> keySerdeOrNull() {
        return keySerde;
    }

    public Serde<V> valueSerdeOrNull() {
        return valueSerde;
    }

    public Serde<VO> otherValueSerdeOrNull() {
        return otherValueSerde;
    }

    public String name() {
        return name;
    }

    /** The grace period, or {@code null} for none (records join immediately). */
    public Duration gracePeriod() {
        return gracePeriod;
    }
}
