package io.sluice.streams.processor;

/** Cancels a punctuation schedule; calling it again does nothing. */
@FunctionalInterface
public interface Cancellable {
    void cancel();
}
