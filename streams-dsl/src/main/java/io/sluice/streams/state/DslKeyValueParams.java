package io.sluice.streams.state;

import java.util.Objects;

/**
 * What a DSL operator asks {@link DslStoreSuppliers#keyValueStore} for: the store name and whether the operator
 * keeps a timestamp with each value. Immutable.
 */
public class DslKeyValueParams {
    private final String name;
    private final boolean isTimestamped;

    public DslKeyValueParams(String name, boolean isTimestamped) {
        this.name = Objects.requireNonNull(name, "name");
        this.isTimestamped = isTimestamped;
    }

    public String name() {
        return name;
    }

    public boolean isTimestamped() {
        return isTimestamped;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DslKeyValueParams that && name.equals(that.name)
            && isTimestamped == that.isTimestamped;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, isTimestamped);
    }

    @Override
    public String toString() {
        return "DslKeyValueParams{name=" + name + ", isTimestamped=" + isTimestamped + "}";
    }
}
