package io.sluice.connect.runtime;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * A request the herder refuses because of what was asked, not because of a fault in the worker: altering offsets of a
 * connector that is not STOPPED, a connector name in the body that differs from the one in the path, an empty offsets
 * patch. The REST API answers 400 with this message.
 */
public class BadRequestException extends ConnectException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message);
    }
}
