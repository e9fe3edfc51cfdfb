package io.sluice.connect.runtime.rest;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * A REST-level failure that carries its HTTP status: an unknown path (404), a method the path does not allow (405),
 * a body that is not valid JSON (400). Failures of the herder keep their own types and are mapped by
 * {@link RestErrors}.
 */
public final class ConnectRestException extends ConnectException {

    private static final long serialVersionUID = 1L;

    private final int statusCode;

    public ConnectRestException(int statusCode, String message) {
        super(message);
        this.statusCode = statusCode;
    }

    public ConnectRestException(int statusCode, String message, Throwable cause) {
        super(message, cause);
        this.statusCode = statusCode;
    }

    public int statusCode() {
        return statusCode;
    }
}
