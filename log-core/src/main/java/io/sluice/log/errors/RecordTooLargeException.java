package io.sluice.log.errors;

/** A batch larger than the topic's `max.message.bytes` (or than a segment can hold). */
public class RecordTooLargeException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public RecordTooLargeException(String message) {
        super(message);
    }

    public RecordTooLargeException(String message, Throwable cause) {
        super(message, cause);
    }
}
