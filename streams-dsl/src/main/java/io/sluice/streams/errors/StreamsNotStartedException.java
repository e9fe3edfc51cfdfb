package io.sluice.streams.errors;

/**
 * An interactive query was made before {@code StreamsApp.start()}: the app has no tasks, so no stores, yet. Retry
 * after starting the app.
 */
public class StreamsNotStartedException extends InvalidStateStoreException {
    private static final long serialVersionUID = 1L;

    public StreamsNotStartedException(String message) {
        super(message);
    }
}
