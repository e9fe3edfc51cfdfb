package io.sluice.examples.clickstream;

/** A part of the clickstream pipeline (a connector, a task or the Streams app) failed; the message names it. */
public final class PipelineFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PipelineFailedException(String message) {
        super(message);
    }

    public PipelineFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
