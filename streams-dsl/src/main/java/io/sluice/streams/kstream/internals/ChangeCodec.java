package io.sluice.streams.kstream.internals;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;

/**
 * Writes a {@link Change} as the value of a repartition record (a regrouped table's updates) and reads it back:
 *
 * <pre>
 * +--------+------------------------+-----------------+-----------------+
 * | flags  | new length (int32, BE) | new value bytes | old value bytes |
 * | 1 byte | only if flags bit 0    | only if bit 0   | only if bit 1   |
 * +--------+------------------------+-----------------+-----------------+
 * </pre>
 *
 * Bit 0 of {@code flags}: a new value is present; bit 1: an old value is present (it takes the rest). A record
 * carries both when a regrouped update stays in the same group, so the subtraction and the addition happen
 * together. Stateless and thread-safe if the serde is.
 */
final class ChangeCodec {
    private static final int NEW_PRESENT = 1;
    private static final int OLD_PRESENT = 2;

    private ChangeCodec() {
    }

    static <V> byte[] encode(Serde<V> serde, String topic, Change<V> change) {
        byte[] newBytes = change.newValue() == null ? null : serde.serializer().serialize(topic, change.newValue());
        byte[] oldBytes = change.oldValue() == null ? null : serde.serializer().serialize(topic, change.oldValue());
        int size = 1 + (newBytes == null ? 0 : Integer.BYTES + newBytes.length)
            + (oldBytes == null ? 0 : oldBytes.length);
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.put((byte) ((newBytes == null ? 0 : NEW_PRESENT) | (oldBytes == null ? 0 : OLD_PRESENT)));
        if (newBytes != null) {
            buffer.putInt(newBytes.length).put(newBytes);
        }
        if (oldBytes != null) {
            buffer.put(oldBytes);
        }
        return buffer.array();
    }

    static <V> Change<V> decode(Serde<V> serde, String topic, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new SerializationException("A table change needs at least a flags byte (topic " + topic + ")");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int flags = buffer.get();
        V newValue = null;
        if ((flags & NEW_PRESENT) != 0) {
            byte[] newBytes = new byte[buffer.getInt()];
            buffer.get(newBytes);
            newValue = serde.deserializer().deserialize(topic, newBytes);
        }
        V oldValue = null;
        if ((flags & OLD_PRESENT) != 0) {
            byte[] oldBytes = new byte[buffer.remaining()];
            buffer.get(oldBytes);
            oldValue = serde.deserializer().deserialize(topic, oldBytes);
        }
        return new Change<>(newValue, oldValue);
    }
}
