package io.sluice.streams.processor.internals;

import io.sluice.streams.processor.Cancellable;
import io.sluice.streams.processor.PunctuationType;
import io.sluice.streams.processor.Punctuator;

/** A task's notion of time, and where its punctuators are scheduled. */
interface TaskClock {
    /** The largest event time the task has processed, or -1 before its first record. */
    long streamTimeMs();

    long wallClockMs();

    Cancellable schedule(ProcessorNode<?, ?, ?, ?> node, long intervalMs, PunctuationType type, Punctuator callback);
}
