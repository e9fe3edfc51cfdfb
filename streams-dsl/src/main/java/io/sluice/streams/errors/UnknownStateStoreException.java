package io.sluice.streams.errors;

/** No store of the queried name and type exists in the topology: retrying will not help. */
public class UnknownStateStoreException extends InvalidStateStoreException {
    private static final long serialVersionUID = 1L;

    public UnknownStateStoreException(String message) {
        super(message);
    }
}
