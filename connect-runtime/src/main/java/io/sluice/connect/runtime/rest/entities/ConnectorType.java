package io.sluice.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonValue;

/** Source or sink; serialised in lower case as Kafka Connect does. */
public enum ConnectorType {
    SOURCE, SINK, UNKNOWN;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
