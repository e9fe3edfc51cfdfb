package io.sluice.streams.state.internals;

import io.sluice.streams.state.ValueAndTimestamp;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Stores a {@link ValueAndTimestamp} as the timestamp followed by the value's bytes from the wrapped serde:
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 timestamp (epoch ms, int64,                   |
 * |                 big-endian, two's complement)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 value bytes (the rest) ...                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * The same format as Kafka Streams' timestamped stores and changelogs. A {@code null} {@code ValueAndTimestamp}
 * (and a value its serde serializes to {@code null}) is {@code null} bytes: a delete. Thread-safe if the wrapped
 * serde is.
 *
 * @param <V> value type
 */
public final class ValueAndTimestampSerde<V> implements Serde<ValueAndTimestamp<V>> {
    /** Bytes before the value: the timestamp. */
    static final int TIMESTAMP_LENGTH = Long.BYTES;

    private final Serde<V> valueSerde;
    private final Serializer<ValueAndTimestamp<V>> serializer;
    private final Deserializer<ValueAndTimestamp<V>> deserializer;

    public ValueAndTimestampSerde(Serde<V> valueSerde) {
        this.valueSerde = Objects.requireNonNull(valueSerde, "valueSerde");
        this.serializer = this::serialize;
        this.deserializer = this::deserialize;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        valueSerde.configure(configs, isKey);
    }

    @Override
    public void close() {
        valueSerde.close();
    }

    @Override
    public Serializer<ValueAndTimestamp<V>> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<ValueAndTimestamp<V>> deserializer() {
        return deserializer;
    }

    private byte[] serialize(String topic, ValueAndTimestamp<V> data) {
        if (data == null) {
            return null;
        }
        byte[] value = valueSerde.serializer().serialize(topic, data.value());
        if (value == null) {
            return null;
        }
        return ByteBuffer.allocate(TIMESTAMP_LENGTH + value.length).putLong(data.timestamp()).put(value).array();
    }

    private ValueAndTimestamp<V> deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < TIMESTAMP_LENGTH) {
            throw new SerializationException("A timestamped value needs at least " + TIMESTAMP_LENGTH
                + " bytes, got " + data.length + " (topic " + topic + ")");
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long timestamp = buffer.getLong();
        byte[] value = new byte[buffer.remaining()];
        buffer.get(value);
        return ValueAndTimestamp.make(valueSerde.deserializer().deserialize(topic, value), timestamp);
    }
}
