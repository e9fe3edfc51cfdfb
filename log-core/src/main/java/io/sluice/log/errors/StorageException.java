package io.sluice.log.errors;

/** An I/O error on a log's files: the log (or its directory) can no longer be trusted for writes until it is reopened. Retriable because a client may retry against a new leader. */
public class StorageException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
