package io.sluice.streams.kstream;

import io.sluice.streams.errors.TopologyException;
import java.util.Objects;

/**
 * A name for the processor an operation creates, so that it (and the internal topics and stores derived from it)
 * stays stable across topology changes. Names may only use {@code [a-zA-Z0-9._-]} and have at most 249
 * characters, since they become part of topic names. Immutable.
 */
public class Named implements NamedOperation<Named> {
    /** Kafka's limit on topic names, which names are embedded in. */
    private static final int MAX_NAME_LENGTH = 249;

    protected final String name;

    protected Named(String name) {
        this.name = name;
    }

    /** @throws TopologyException if {@code name} is empty, too long or has illegal characters */
    public static Named as(String name) {
        return new Named(validate(Objects.requireNonNull(name, "name")));
    }

    @Override
    public Named withName(String name) {
        return as(name);
    }

    /** The name, or {@code null} for a generated one. */
    public String name() {
        return name;
    }

    /**
     * Checks that {@code name} can be used in topic and store names; returns it for chaining.
     *
     * @throws TopologyException if it cannot
     */
    static String validate(String name) {
        if (name.isEmpty()) {
            throw new TopologyException("Name is illegal, it can't be empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new TopologyException("Name is illegal, it can't be longer than " + MAX_NAME_LENGTH
                + " characters, name: " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean legal = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
            if (!legal) {
                throw new TopologyException("Name \"" + name + "\" is illegal, it contains '" + c
                    + "'; legal characters are ASCII alphanumerics, '.', '_' and '-'");
            }
        }
        return name;
    }

    /** {@link #validate(String)} for an optional name. */
    static String validateOrNull(String name) {
        return name == null ? null : validate(name);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Named that && other.getClass() == getClass() && Objects.equals(name, that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(name);
    }

    @Override
    public String toString() {
        return "Named{" + name + '}';
    }
}
