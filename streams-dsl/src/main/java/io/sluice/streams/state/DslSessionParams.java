package io.sluice.streams.state;

import io.sluice.streams.kstream.EmitStrategy;
import java.time.Duration;
import java.util.Objects;

/**
 * What a DSL operator asks {@link DslStoreSuppliers#sessionStore} for: name, retention and the operator's emit
 * strategy. Immutable.
 */
public class DslSessionParams {
    private final String name;
    private final Duration retentionPeriod;
    private final EmitStrategy emitStrategy;

    public DslSessionParams(String name, Duration retentionPeriod, EmitStrategy emitStrategy) {
        this.name = Objects.requireNonNull(name, "name");
        this.retentionPeriod = Objects.requireNonNull(retentionPeriod, "retentionPeriod");
        this.emitStrategy = Objects.requireNonNull(emitStrategy, "emitStrategy");
    }

    public String name() {
        return name;
    }

    public Duration retentionPeriod() {
        return retentionPeriod;
    }

    public EmitStrategy emitStrategy() {
        return emitStrategy;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DslSessionParams that && name.equals(that.name)
            && retentionPeriod.equals(that.retentionPeriod) && emitStrategy.type() == that.emitStrategy.type();
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, retentionPeriod, emitStrategy.type());
    }

    @Override
    public String toString() {
        return "DslSessionParams{name=" + name + ", retentionPeriod=" + retentionPeriod + ", emitStrategy="
            + emitStrategy.type() + "}";
    }
}
