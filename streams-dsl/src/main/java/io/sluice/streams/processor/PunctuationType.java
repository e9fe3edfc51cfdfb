package io.sluice.streams.processor;

/** What drives a punctuation schedule. */
public enum PunctuationType {
    /** Stream time: advances only as records arrive, so it is deterministic and replayable. */
    STREAM_TIME,
    /** The system clock, checked between records and while idle. */
    WALL_CLOCK_TIME
}
