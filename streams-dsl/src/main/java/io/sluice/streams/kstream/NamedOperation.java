package io.sluice.streams.kstream;

/**
 * A DSL parameter object that can name the processor (and derived internal topics and stores) it configures.
 *
 * @param <T> the parameter object's own type
 */
public interface NamedOperation<T extends NamedOperation<T>> {
    /** This configuration with the processor name {@code name}. */
    T withName(String name);
}
