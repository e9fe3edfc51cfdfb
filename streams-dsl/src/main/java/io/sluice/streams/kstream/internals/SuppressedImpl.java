package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Suppressed;
import io.sluice.streams.kstream.Windowed;
import java.time.Duration;
import java.util.Objects;

/**
 * The one implementation of {@link Suppressed}; create it through the interface's factories. Immutable.
 *
 * @param timeLimit {@code null} for "until the window closes"
 */
public record SuppressedImpl<K>(Duration timeLimit, Suppressed.BufferConfig<?> bufferConfig, String name)
    implements Suppressed<K> {

    public SuppressedImpl {
        Objects.requireNonNull(bufferConfig, "bufferConfig");
    }

    public static <K extends Windowed<?>> Suppressed<K> untilWindowCloses(Suppressed.StrictBufferConfig config) {
        return new SuppressedImpl<>(null, config, null);
    }

    public static <K> Suppressed<K> untilTimeLimit(Duration timeLimit, Suppressed.BufferConfig<?> config) {
        return new SuppressedImpl<>(Objects.requireNonNull(timeLimit, "timeLimit"), config, null);
    }

    @Override
    public boolean isUntilWindowCloses() {
        return timeLimit == null;
    }

    @Override
    public Suppressed<K> withName(String name) {
        // Validated where it becomes a processor name, like every other DSL name.
        return new SuppressedImpl<>(timeLimit, bufferConfig, name);
    }
}
