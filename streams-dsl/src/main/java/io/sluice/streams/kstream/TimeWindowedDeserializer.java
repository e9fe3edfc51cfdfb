package io.sluice.streams.kstream;

import io.sluice.streams.kstream.internals.TimeWindow;
import io.sluice.streams.kstream.internals.WindowedInnerConfig;
import io.sluice.streams.kstream.internals.WindowedKeyFormat;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads what {@link TimeWindowedSerializer} writes: the inner key, then the window start; the window end is the
 * start plus the window size this deserializer is given (the bytes do not hold it). On a window store's changelog
 * topic ({@link #setIsChangelogTopic}) keys carry a 4-byte sequence number after the start, which is skipped.
 *
 * <p>Built without arguments, it takes the inner deserializer from {@value #WINDOWED_INNER_DESERIALIZER_CLASS} and
 * the window size from {@value #WINDOW_SIZE_MS_CONFIG} in {@link #configure}. Thread-safe once configured, if the
 * inner deserializer is.
 */
public class TimeWindowedDeserializer<T> implements Deserializer<Windowed<T>> {
    public static final String WINDOW_SIZE_MS_CONFIG = "window.size.ms";
    public static final String WINDOWED_INNER_DESERIALIZER_CLASS = "windowed.inner.deserializer.class";

    private Deserializer<T> inner;
    private Long windowSize;
    private boolean isChangelogTopic;

    public TimeWindowedDeserializer() {
    }

    public TimeWindowedDeserializer(Deserializer<T> inner, Long windowSize) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.windowSize = Objects.requireNonNull(windowSize, "windowSize");
    }

    public Long getWindowSize() {
        return windowSize;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (windowSize == null) {
            Object configured = configs.get(WINDOW_SIZE_MS_CONFIG);
            if (configured == null) {
                throw new ConfigException("TimeWindowedDeserializer was created without a window size and "
                    + WINDOW_SIZE_MS_CONFIG + " is not set");
            }
            try {
                windowSize = Long.parseLong(configured.toString());
            } catch (NumberFormatException e) {
                throw new ConfigException(WINDOW_SIZE_MS_CONFIG, configured, "not a number of milliseconds");
            }
        }
        if (inner == null) {
            inner = WindowedInnerConfig.newInner(configs, WINDOWED_INNER_DESERIALIZER_CLASS, Deserializer.class,
                "TimeWindowedDeserializer");
        }
        inner.configure(configs, isKey);
    }

    @Override
    public Windowed<T> deserialize(String topic, byte[] data) {
        if (data == null || data.length == 0) {
            return null;
        }
        if (inner == null || windowSize == null) {
            throw new IllegalStateException("TimeWindowedDeserializer needs an inner deserializer and a window size: "
                + "pass them to the constructor or set " + WINDOWED_INNER_DESERIALIZER_CLASS + " and "
                + WINDOW_SIZE_MS_CONFIG + " and call configure");
        }
        int suffix = isChangelogTopic ? WindowedKeyFormat.CHANGELOG_TIME_SUFFIX_BYTES
            : WindowedKeyFormat.TIME_SUFFIX_BYTES;
        T key = inner.deserialize(topic, WindowedKeyFormat.key(data, suffix, topic));
        long startMs = WindowedKeyFormat.longAfterKey(data, suffix, 0);
        return new Windowed<>(key, new TimeWindow(startMs, WindowedKeyFormat.timeWindowEnd(startMs, windowSize)));
    }

    @Override
    public void close() {
        if (inner != null) {
            inner.close();
        }
    }

    /** {@code true} to read keys of a window store's changelog topic, which end with a sequence number. */
    public void setIsChangelogTopic(boolean isChangelogTopic) {
        this.isChangelogTopic = isChangelogTopic;
    }

    Deserializer<T> innerDeserializer() {
        return inner;
    }
}
