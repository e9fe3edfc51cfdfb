package io.sluice.streams.kstream;

/**
 * When a windowed aggregation emits results: on every update of a window (the default; results are revised as
 * records arrive), or once per window when it closes (window end plus grace period passed in stream time), which
 * gives final results without {@code suppress}.
 */
public interface EmitStrategy {
    /**
     * The strategies. Each constant is also the {@link EmitStrategy} of its kind, so strategies compare with
     * {@code ==} and need no further implementation class.
     */
    enum StrategyType implements EmitStrategy {
        ON_WINDOW_UPDATE,
        ON_WINDOW_CLOSE;

        @Override
        public StrategyType type() {
            return this;
        }
    }

    static EmitStrategy onWindowClose() {
        return StrategyType.ON_WINDOW_CLOSE;
    }

    static EmitStrategy onWindowUpdate() {
        return StrategyType.ON_WINDOW_UPDATE;
    }

    StrategyType type();
}
