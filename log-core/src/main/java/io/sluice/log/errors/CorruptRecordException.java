package io.sluice.log.errors;

/**
 * Bytes that claim to be a record batch but are not a valid one: a bad CRC, a wrong magic, an impossible size,
 * or records that do not parse. The message names what is wrong and where. Retriable because a producer's
 * retry resends bytes that were corrupted in flight.
 */
public class CorruptRecordException extends RetriableException {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
