package io.sluice.streams.kstream;

import java.util.Objects;

/**
 * A key together with the window it was aggregated in: the key type of windowed and session stores and of
 * windowed KTables. Immutable if the key is.
 *
 * @param <K> key type
 */
public final class Windowed<K> {
    private final K key;
    private final Window window;

    public Windowed(K key, Window window) {
        this.key = key;
        this.window = Objects.requireNonNull(window, "window");
    }

    public K key() {
        return key;
    }

    public Window window() {
        return window;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Windowed<?> that && Objects.equals(key, that.key) && window.equals(that.window);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, window);
    }

    @Override
    public String toString() {
        return "[" + key + "@" + window.start() + "/" + window.end() + "]";
    }
}
