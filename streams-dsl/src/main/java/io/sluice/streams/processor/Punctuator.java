package io.sluice.streams.processor;

/** A callback scheduled with {@code ProcessingContext.schedule}; runs on the task's thread. */
@FunctionalInterface
public interface Punctuator {
    /** @param timestamp stream time or wall-clock time, by the schedule's type */
    void punctuate(long timestamp);
}
