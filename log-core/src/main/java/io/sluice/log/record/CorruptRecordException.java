package io.sluice.log.record;

/**
 * Bytes that claim to be a record batch but are not a valid one: a bad CRC, a wrong magic, an impossible size,
 * or records that do not parse. The message names what is wrong and where.
 */
public class CorruptRecordException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CorruptRecordException(String message) {
        super(message);
    }

    public CorruptRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
