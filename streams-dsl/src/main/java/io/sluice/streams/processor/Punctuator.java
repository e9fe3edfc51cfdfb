package io.sluice.streams.processor;

/**
 * A periodic callback scheduled by a processor, called on the stream thread that owns the processor's task, so it
 * may use the task's stores without synchronisation.
 */
@FunctionalInterface
public interface Punctuator {
    /** @param timestamp stream time or wall-clock time in epoch ms, per the {@link PunctuationType} */
    void punctuate(long timestamp);
}
