package io.sluice.streams.processor;

/** Which clock drives a {@link Punctuator}. */
public enum PunctuationType {
    /**
     * Stream time: the largest record timestamp the task has seen. Advances only when records arrive, so a
     * punctuator never fires on an idle task, and fires once (not once per interval) after a jump in time.
     */
    STREAM_TIME,
    /** The system clock, checked between records; fires even when no records arrive. */
    WALL_CLOCK_TIME
}
