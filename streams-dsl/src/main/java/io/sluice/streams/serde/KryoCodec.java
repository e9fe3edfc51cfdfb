package io.sluice.streams.serde;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.util.Pool;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The shared engine of a {@link KryoSerializer} and {@link KryoDeserializer}: a bounded pool of configured Kryo
 * instances and the payload framing of {@link KryoPayloadDescriptor}.
 *
 * <p>Threading: thread-safe. Each call takes a Kryo instance (with its own buffers) from the pool and returns it
 * afterwards. The pool keeps at most {@code maxPooledInstances} idle instances; when more threads call at once, the
 * extra callers build a fresh instance that is dropped afterwards, so callers never block. An instance that saw an
 * exception is dropped too, because Kryo's per-payload state is undefined after a failure.
 */
final class KryoCodec<T> {

    /** Output buffers grown beyond this by a large value are not kept in the pool. */
    private static final int MAX_RETAINED_BUFFER_BYTES = 1 << 20;
    private static final int INITIAL_BUFFER_BYTES = 256;
    private static final int HEX_PREFIX_BYTES = 16;
    private static final byte[] EMPTY = new byte[0];

    private final Class<T> type;
    private final Pool<Handle> pool;

    KryoCodec(Class<T> type, int maxPooledInstances) {
        if (type.isPrimitive()) {
            throw new IllegalArgumentException("Kryo serde needs a reference type, got primitive " + type.getName()
                    + "; use its wrapper class");
        }
        if (maxPooledInstances < 1) {
            throw new IllegalArgumentException("maxPooledInstances must be at least 1, got " + maxPooledInstances);
        }
        this.type = type;
        ClassLoader loader = type.getClassLoader() != null
                ? type.getClassLoader()
                : Thread.currentThread().getContextClassLoader();
        this.pool = new Pool<>(true, false, maxPooledInstances) {
            @Override
            protected Handle create() {
                return new Handle(KryoFactory.create(loader));
            }
        };
    }

    Class<T> type() {
        return type;
    }

    byte[] encode(String topic, T value) {
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw new SerializationException("Kryo serde for " + type.getName() + " was given a "
                    + value.getClass().getName() + " (topic " + quote(topic) + "); the serde does not match the value");
        }
        Handle handle = pool.obtain();
        try {
            Output output = handle.output;
            output.reset();
            output.writeByte(KryoPayloadDescriptor.FORMAT_V1);
            if (value.getClass() == type) {
                output.writeByte(KryoPayloadDescriptor.ROOT_DECLARED_TYPE);
                handle.kryo.writeObject(output, value);
            } else {
                output.writeByte(KryoPayloadDescriptor.ROOT_CLASS_TAGGED);
                handle.kryo.writeClassAndObject(output, value);
            }
            byte[] bytes = output.toBytes();
            release(handle);
            return bytes;
        } catch (RuntimeException e) {
            throw new SerializationException("Kryo could not serialize a " + value.getClass().getName() + " as "
                    + type.getName() + " for topic " + quote(topic) + ": " + e, e);
        }
    }

    T decode(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length < KryoPayloadDescriptor.HEADER_LENGTH) {
            throw failure(topic, bytes, "shorter than the " + KryoPayloadDescriptor.HEADER_LENGTH + "-byte header", null);
        }
        byte version = bytes[KryoPayloadDescriptor.FORMAT_VERSION_OFFSET];
        if (version != KryoPayloadDescriptor.FORMAT_V1) {
            throw failure(topic, bytes, "unknown format version " + version + " (this build reads version "
                    + KryoPayloadDescriptor.FORMAT_V1 + "); was it written by another serde?", null);
        }
        byte rootEncoding = bytes[KryoPayloadDescriptor.ROOT_ENCODING_OFFSET];
        if (rootEncoding != KryoPayloadDescriptor.ROOT_DECLARED_TYPE && rootEncoding != KryoPayloadDescriptor.ROOT_CLASS_TAGGED) {
            throw failure(topic, bytes, "unknown root encoding " + rootEncoding, null);
        }
        Handle handle = pool.obtain();
        Object value;
        try {
            Input input = handle.input;
            input.setBuffer(bytes, KryoPayloadDescriptor.HEADER_LENGTH, bytes.length - KryoPayloadDescriptor.HEADER_LENGTH);
            value = rootEncoding == KryoPayloadDescriptor.ROOT_DECLARED_TYPE
                    ? handle.kryo.readObject(input, type)
                    : handle.kryo.readClassAndObject(input);
            int trailing = input.limit() - input.position();
            if (trailing != 0) {
                throw failure(topic, bytes, trailing + " bytes left over after the value", null);
            }
            release(handle);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failure(topic, bytes, e.toString(), e);
        }
        if (!type.isInstance(value)) {
            throw failure(topic, bytes, "the bytes hold a " + (value == null ? "null" : value.getClass().getName()), null);
        }
        return type.cast(value);
    }

    private void release(Handle handle) {
        handle.input.setBuffer(EMPTY);
        if (handle.output.getBuffer().length > MAX_RETAINED_BUFFER_BYTES) {
            handle.output.setBuffer(new byte[INITIAL_BUFFER_BYTES], -1);
        }
        pool.free(handle);
    }

    private SerializationException failure(String topic, byte[] bytes, String reason, Throwable cause) {
        return new SerializationException("Kryo could not deserialize " + bytes.length + " bytes from topic "
                + quote(topic) + " as " + type.getName() + ": " + reason + " (bytes start " + hexPrefix(bytes) + ")", cause);
    }

    private static String quote(String topic) {
        return topic == null ? "(none)" : "'" + topic + "'";
    }

    private static String hexPrefix(byte[] bytes) {
        StringBuilder hex = new StringBuilder();
        int shown = Math.min(bytes.length, HEX_PREFIX_BYTES);
        for (int i = 0; i < shown; i++) {
            hex.append(String.format(java.util.Locale.ROOT, "%02x", bytes[i]));
        }
        return shown < bytes.length ? hex + "..." : hex.toString();
    }

    private static final class Handle {
        final Kryo kryo;
        final Output output = new Output(INITIAL_BUFFER_BYTES, -1);
        final Input input = new Input();

        Handle(Kryo kryo) {
            this.kryo = kryo;
        }
    }
}
