package io.sluice.connect.runtime.rest;

import io.sluice.connect.runtime.BadConnectorConfigException;
import io.sluice.connect.runtime.BadRequestException;
import io.sluice.connect.runtime.rest.entities.ErrorMessage;
import org.apache.kafka.connect.errors.AlreadyExistsException;
import org.apache.kafka.connect.errors.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns any failure of an endpoint into Kafka Connect's error answer: an {@link ErrorMessage} whose
 * {@code error_code} is the HTTP status. Client errors (4xx) are the caller's to fix and logged at debug; anything
 * else is a 500 with the failure's message, logged once with its stack trace, and never reaches the worker.
 */
final class RestErrors {

    /** The texts Kafka Connect (Jersey) answers for an unknown path and a disallowed method. */
    static final String NOT_FOUND_MESSAGE = "HTTP 404 Not Found";
    static final String METHOD_NOT_ALLOWED_MESSAGE = "HTTP 405 Method Not Allowed";

    private static final Logger LOG = LoggerFactory.getLogger(RestErrors.class);

    private RestErrors() {
    }

    static ErrorMessage toErrorMessage(String method, String uri, Throwable failure) {
        int status = statusOf(failure);
        String message = failure.getMessage() != null ? failure.getMessage() : failure.getClass().getName();
        if (status >= 500) {
            LOG.error("REST request {} {} failed", method, uri, failure);
        } else {
            LOG.debug("REST request {} {} answered {}: {}", method, uri, status, message);
        }
        return new ErrorMessage(status, message);
    }

    private static int statusOf(Throwable failure) {
        if (failure instanceof ConnectRestException rest) {
            return rest.statusCode();
        }
        if (failure instanceof NotFoundException) {
            return 404;
        }
        if (failure instanceof AlreadyExistsException) {
            return 409;
        }
        if (failure instanceof BadConnectorConfigException || failure instanceof BadRequestException) {
            return 400;
        }
        return 500;
    }
}
