package io.sluice.streams.kstream;

import io.sluice.streams.kstream.internals.SessionWindow;
import io.sluice.streams.kstream.internals.WindowedInnerConfig;
import io.sluice.streams.kstream.internals.WindowedKeyFormat;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads what {@link SessionWindowedSerializer} writes: the inner key, then the session end and start. Built without
 * an inner deserializer, it takes one from {@value #WINDOWED_INNER_DESERIALIZER_CLASS} in {@link #configure}.
 * Thread-safe once configured, if the inner deserializer is.
 */
public class SessionWindowedDeserializer<T> implements Deserializer<Windowed<T>> {
    public static final String WINDOWED_INNER_DESERIALIZER_CLASS = "windowed.inner.deserializer.class";

    private Deserializer<T> inner;

    public SessionWindowedDeserializer() {
    }

    public SessionWindowedDeserializer(Deserializer<T> inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (inner == null) {
            inner = WindowedInnerConfig.newInner(configs, WINDOWED_INNER_DESERIALIZER_CLASS, Deserializer.class,
                "SessionWindowedDeserializer");
        }
        inner.configure(configs, isKey);
    }

    @Override
    public Windowed<T> deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        if (inner == null) {
            throw new IllegalStateException("SessionWindowedDeserializer has no inner deserializer: pass one to the "
                + "constructor or set " + WINDOWED_INNER_DESERIALIZER_CLASS + " and call configure");
        }
        int suffix = WindowedKeyFormat.SESSION_SUFFIX_BYTES;
        T key = inner.deserialize(topic, WindowedKeyFormat.key(data, suffix, topic));
        long endMs = WindowedKeyFormat.longAfterKey(data, suffix, 0);
        long startMs = WindowedKeyFormat.longAfterKey(data, suffix, Long.BYTES);
        return new Windowed<>(key, new SessionWindow(startMs, endMs));
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }

    Deserializer<T> innerDeserializer() {
        return inner;
    }
}
