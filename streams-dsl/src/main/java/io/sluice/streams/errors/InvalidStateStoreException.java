package io.sluice.streams.errors;

/**
 * A state store cannot be queried right now: it does not exist, is not open, is being restored, or moved to another
 * instance. Retrying later (or on the instance {@code metadataForKey} names) may succeed.
 */
public class InvalidStateStoreException extends StreamsException {
    private static final long serialVersionUID = 1L;

    public InvalidStateStoreException(String message) {
        super(message);
    }

    public InvalidStateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
