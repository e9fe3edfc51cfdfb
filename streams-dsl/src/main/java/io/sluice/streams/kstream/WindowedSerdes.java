package io.sluice.streams.kstream;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes of windowed keys, byte-compatible with Kafka Streams': {@link TimeWindowedSerde} for tumbling, hopping
 * and sliding windows (the window size is needed to read the end back), {@link SessionWindowedSerde} for sessions.
 * The inner serde of the {@code ...From(Class)} factories is kafka-clients' {@link Serdes#serdeFrom(Class)}.
 */
public class WindowedSerdes {
    /** Time-windowed keys: {@link TimeWindowedSerializer} and {@link TimeWindowedDeserializer}. */
    public static class TimeWindowedSerde<T> extends Serdes.WrapperSerde<Windowed<T>> {
        /** For configuration by class name: the inner serde and window size come from {@code configure}. */
        public TimeWindowedSerde() {
            super(new TimeWindowedSerializer<>(), new TimeWindowedDeserializer<>());
        }

        public TimeWindowedSerde(Serde<T> inner, long windowSize) {
            super(new TimeWindowedSerializer<>(Objects.requireNonNull(inner, "inner").serializer()),
                new TimeWindowedDeserializer<>(inner.deserializer(), windowSize));
        }

        /** {@code true} to read a window store's changelog topic, whose keys end with a sequence number. */
        public TimeWindowedSerde<T> forChangelog(boolean isChangelogTopic) {
            ((TimeWindowedDeserializer<T>) deserializer()).setIsChangelogTopic(isChangelogTopic);
            return this;
        }
    }

    /** Session-windowed keys: {@link SessionWindowedSerializer} and {@link SessionWindowedDeserializer}. */
    public static class SessionWindowedSerde<T> extends Serdes.WrapperSerde<Windowed<T>> {
        /** For configuration by class name: the inner serde comes from {@code configure}. */
        public SessionWindowedSerde() {
            super(new SessionWindowedSerializer<>(), new SessionWindowedDeserializer<>());
        }

        public SessionWindowedSerde(Serde<T> inner) {
            super(new SessionWindowedSerializer<>(Objects.requireNonNull(inner, "inner").serializer()),
                new SessionWindowedDeserializer<>(inner.deserializer()));
        }
    }

    public static <T> Serde<Windowed<T>> timeWindowedSerdeFrom(Class<T> type, long windowSize) {
        return new TimeWindowedSerde<>(Serdes.serdeFrom(type), windowSize);
    }

    public static <T> Serde<Windowed<T>> sessionWindowedSerdeFrom(Class<T> type) {
        return new SessionWindowedSerde<>(Serdes.serdeFrom(type));
    }
}
