package io.sluice.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The body of {@code POST /connectors}; {@code initial_state} is RUNNING (default), PAUSED or STOPPED. */
public record CreateConnectorRequest(String name, Map<String, String> config,
                                     @JsonProperty("initial_state") String initialState) { }
