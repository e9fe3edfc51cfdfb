package io.sluice.streams.state;

import io.sluice.streams.kstream.EmitStrategy;
import java.time.Duration;
import java.util.Objects;

/**
 * What a DSL operator asks {@link DslStoreSuppliers#windowStore} for: name, retention, window size, whether equal
 * keys and windows are all kept (stream-stream joins), the operator's emit strategy, whether the windows are
 * sliding, and whether values carry timestamps. Immutable.
 */
public class DslWindowParams {
    private final String name;
    private final Duration retentionPeriod;
    private final Duration windowSize;
    private final boolean retainDuplicates;
    private final EmitStrategy emitStrategy;
    private final boolean isSlidingWindow;
    private final boolean isTimestamped;

    public DslWindowParams(String name, Duration retentionPeriod, Duration windowSize, boolean retainDuplicates,
                           EmitStrategy emitStrategy, boolean isSlidingWindow, boolean isTimestamped) {
        this.name = Objects.requireNonNull(name, "name");
        this.retentionPeriod = Objects.requireNonNull(retentionPeriod, "retentionPeriod");
        this.windowSize = Objects.requireNonNull(windowSize, "windowSize");
        this.retainDuplicates = retainDuplicates;
        this.emitStrategy = Objects.requireNonNull(emitStrategy, "emitStrategy");
        this.isSlidingWindow = isSlidingWindow;
        this.isTimestamped = isTimestamped;
    }

    public String name() {
        return name;
    }

    public Duration retentionPeriod() {
        return retentionPeriod;
    }

    public Duration windowSize() {
        return windowSize;
    }

    public boolean retainDuplicates() {
        return retainDuplicates;
    }

    public EmitStrategy emitStrategy() {
        return emitStrategy;
    }

    public boolean isSlidingWindow() {
        return isSlidingWindow;
    }

    public boolean isTimestamped() {
        return isTimestamped;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DslWindowParams that && name.equals(that.name)
            && retentionPeriod.equals(that.retentionPeriod) && windowSize.equals(that.windowSize)
            && retainDuplicates == that.retainDuplicates && emitStrategy.type() == that.emitStrategy.type()
            && isSlidingWindow == that.isSlidingWindow && isTimestamped == that.isTimestamped;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, retentionPeriod, windowSize, retainDuplicates, emitStrategy.type(), isSlidingWindow,
            isTimestamped);
    }

    @Override
    public String toString() {
        return "DslWindowParams{name=" + name + ", retentionPeriod=" + retentionPeriod + ", windowSize=" + windowSize
            + ", retainDuplicates=" + retainDuplicates + ", emitStrategy=" + emitStrategy.type()
            + ", isSlidingWindow=" + isSlidingWindow + ", isTimestamped=" + isTimestamped + "}";
    }
}
