package io.sluice.streams.errors;

/**
 * A state directory is held by another instance of the application: another process, or another
 * {@code StreamsApp} in this JVM, using the same {@code state.dir} and {@code application.id}.
 */
public class LockException extends StreamsException {
    private static final long serialVersionUID = 1L;

    public LockException(String message) {
        super(message);
    }

    public LockException(String message, Throwable cause) {
        super(message, cause);
    }
}
