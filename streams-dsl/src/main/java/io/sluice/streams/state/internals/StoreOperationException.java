package io.sluice.streams.state.internals;

/**
 * A store could not open, read or write (a RocksDB error, a bad state directory). Fatal to the owning task: the
 * runtime closes the task and restores its stores from their changelogs. Will move to the streams errors package
 * (as Kafka's {@code ProcessorStateException}) when that package exists.
 */
public final class StoreOperationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreOperationException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreOperationException(String message) {
        super(message);
    }
}
