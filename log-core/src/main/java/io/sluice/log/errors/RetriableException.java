package io.sluice.log.errors;

/** An error that may go away if the same operation is tried again (a transient state, not a bad request). */
public class RetriableException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
