package io.sluice.connect.runtime;

import io.sluice.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * A connector config failed validation. Carries the full per-field result so the REST API can answer 400 with
 * Kafka Connect's validation format, and the message lists every field error so logs and the CLI say what to fix.
 */
public final class BadConnectorConfigException extends ConnectException {

    private static final long serialVersionUID = 1L;

    private final transient ConfigInfos validation;

    public BadConnectorConfigException(String message, ConfigInfos validation) {
        super(message);
        this.validation = validation;
    }

    public ConfigInfos validation() {
        return validation;
    }
}
