package io.sluice.streams.kstream;

import io.sluice.streams.kstream.internals.WindowedInnerConfig;
import io.sluice.streams.kstream.internals.WindowedKeyFormat;
import io.sluice.streams.kstream.internals.WindowedSerializer;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes a session-windowed key as the inner key's bytes followed by the session end and start (8 bytes each,
 * big-endian), the layout Kafka Streams writes (see {@link WindowedKeyFormat}). Built without an inner serializer,
 * it takes one from {@value #WINDOWED_INNER_SERIALIZER_CLASS} in {@link #configure}. Thread-safe if the inner
 * serializer is.
 */
public class SessionWindowedSerializer<T> implements WindowedSerializer<T> {
    public static final String WINDOWED_INNER_SERIALIZER_CLASS = "windowed.inner.serializer.class";

    private Serializer<T> inner;

    public SessionWindowedSerializer() {
    }

    public SessionWindowedSerializer(Serializer<T> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (inner == null) {
            inner = WindowedInnerConfig.newInner(configs, WINDOWED_INNER_SERIALIZER_CLASS, Serializer.class,
                "SessionWindowedSerializer");
        }
        inner.configure(configs, isKey);
    }

    @Override
    public byte[] serialize(String topic, Windowed<T> data) {
        if (data == null) {
            return null;
        }
        return WindowedKeyFormat.sessionWindowed(serializeBaseKey(topic, data), data.window().start(),
            data.window().end());
    }

    @Override
    public byte[] serializeBaseKey(String topic, Windowed<T> data) {
        return innerSerializer().serialize(topic, data.key());
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }

    Serializer<T> innerSerializer() {
        if (inner == null) {
            throw new IllegalStateException("SessionWindowedSerializer has no inner serializer: pass one to the "
                + "constructor or set " + WINDOWED_INNER_SERIALIZER_CLASS + " and call configure");
        }
        return inner;
    }
}
