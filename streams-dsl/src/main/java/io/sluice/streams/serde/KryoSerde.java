package io.sluice.streams.serde;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde for any class, by <a href="https://github.com/EsotericSoftware/kryo">Kryo</a>: records, plain classes
 * (no-arg constructor not needed), enums, and nested collections and maps of them. No registration, annotations or
 * schema: this is the serde used when a class is given and no serde ({@link Serdes#forClass(Class)}).
 *
 * <h2>Schema evolution</h2>
 * Stored bytes outlive the code that wrote them (changelogs, repartition topics, compacted topics), so bytes written
 * by one shape of a class stay readable by the next:
 * <ul>
 *   <li>plain classes use Kryo's {@code CompatibleFieldSerializer}, which writes the field names once per payload
 *       and each field's value in its own length-delimited chunk. A reader matches fields by name, skips fields it
 *       no longer has and leaves new fields at their constructor or default value. Kryo's plain
 *       {@code FieldSerializer} writes values by position and misreads old bytes after any field change;
 *       {@code TaggedFieldSerializer} would tolerate changes too but asks users to annotate every field, and
 *       {@code VersionFieldSerializer} only tolerates additions.</li>
 *   <li>records use {@link CompatibleRecordSerializer}, the same idea keyed by component name (Kryo's
 *       {@code RecordSerializer} is positional). New components get {@code null}, {@code 0} or {@code false}.</li>
 *   <li>enums are written by constant name, so adding or reordering constants is safe; reading a removed constant
 *       fails with a {@link org.apache.kafka.common.errors.SerializationException}.</li>
 *   <li>the top-level class is implied by the serde, not written, so renaming or moving it is safe too; nested
 *       values of plain or record classes carry their class name (once per payload), so those must keep their name.</li>
 * </ul>
 * Changing a field's type is not tolerated: it fails with an exception naming the field.
 *
 * <h2>Wire format</h2>
 * A version byte, a root-encoding byte, then Kryo's bytes; see {@link KryoPayloadDescriptor} for the layout and the
 * table of JDK classes written as one-byte ids. A null value is a null payload (a tombstone), both ways.
 *
 * <h2>Threading</h2>
 * Thread-safe: one serde may be shared by all stream threads. Kryo itself is not thread-safe, so each call borrows
 * an instance from a pool owned by this serde; the pool keeps at most {@code maxPooledInstances} idle instances and
 * never blocks a caller (a burst of callers beyond the bound gets short-lived instances). Class names in the bytes
 * are resolved with the class loader of the serde's class.
 *
 * <h2>Errors</h2>
 * Bytes that cannot be read fail with kafka-clients' {@link org.apache.kafka.common.errors.SerializationException}
 * naming the class, topic, byte length and first bytes, with the Kryo failure as the cause; a value is never silently
 * dropped or turned into null. Values must be trees: a cyclic graph is rejected rather than overflowing the stack.
 *
 * @param <T> the value class
 */
public final class KryoSerde<T> implements Serde<T> {

    /** Idle Kryo instances kept per serde: enough for every core to serialize at once. */
    static final int DEFAULT_MAX_POOLED_INSTANCES = Math.max(4, Runtime.getRuntime().availableProcessors());

    private final KryoCodec<T> codec;
    private final KryoSerializer<T> serializer;
    private final KryoDeserializer<T> deserializer;

    public KryoSerde(Class<T> type) {
        this(type, DEFAULT_MAX_POOLED_INSTANCES);
    }

    /**
     * @param maxPooledInstances the most idle Kryo instances kept between calls, at least 1
     */
    public KryoSerde(Class<T> type, int maxPooledInstances) {
        this.codec = new KryoCodec<>(type, maxPooledInstances);
        this.serializer = new KryoSerializer<>(codec);
        this.deserializer = new KryoDeserializer<>(codec);
    }

    public Class<T> type() {
        return codec.type();
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }

    @Override
    public String toString() {
        return "KryoSerde[" + codec.type().getName() + "]";
    }
}
