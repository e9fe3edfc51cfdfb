package io.sluice.log.errors;

/** A read asked for an offset outside [log start offset, log end offset]. */
public class OffsetOutOfRangeException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public OffsetOutOfRangeException(String message) {
        super(message);
    }

    public OffsetOutOfRangeException(String message, Throwable cause) {
        super(message, cause);
    }
}
