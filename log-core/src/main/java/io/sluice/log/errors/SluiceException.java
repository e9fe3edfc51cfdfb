package io.sluice.log.errors;

/**
 * Root of every error Sluice raises on purpose. Subclasses are named after the condition; those a caller may
 * retry as-is extend {@link RetriableException}, the rest are fatal for the operation that raised them.
 */
public class SluiceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SluiceException(String message) {
        super(message);
    }

    public SluiceException(String message, Throwable cause) {
        super(message, cause);
    }
}
