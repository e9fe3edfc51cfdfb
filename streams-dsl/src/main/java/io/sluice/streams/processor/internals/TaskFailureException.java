package io.sluice.streams.processor.internals;

import io.sluice.streams.errors.StreamsException;

/**
 * A failure that fails its task: an exception handler already answered FAIL for it, or it is one no handler may
 * resume from (a failed changelog write). Processor nodes pass it up unhandled, so the processing exception
 * handler is not asked about it again, and the stream thread dies with it.
 */
public final class TaskFailureException extends StreamsException {
    private static final long serialVersionUID = 1L;

    public TaskFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}
