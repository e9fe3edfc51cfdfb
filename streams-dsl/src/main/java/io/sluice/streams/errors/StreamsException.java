package io.sluice.streams.errors;

/** Base of the errors Sluice Streams throws; the message says what failed and, where known, on which record. */
public class StreamsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StreamsException(String message) {
        super(message);
    }

    public StreamsException(String message, Throwable cause) {
        super(message, cause);
    }

    public StreamsException(Throwable cause) {
        super(cause);
    }
}
