package io.sluice.streams.processor;

/** A handle to a scheduled punctuation. */
@FunctionalInterface
public interface Cancellable {
    /** Stops future punctuations; idempotent. */
    void cancel();
}
