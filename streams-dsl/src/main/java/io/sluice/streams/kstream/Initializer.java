package io.sluice.streams.kstream;

/**
 * Supplies the starting aggregate for a key (or window, or session) seen for the first time. Called once per new
 * aggregate, so it must return a fresh object if the aggregate is mutable.
 *
 * @param <VA> aggregate type
 */
@FunctionalInterface
public interface Initializer<VA> {
    VA apply();
}
