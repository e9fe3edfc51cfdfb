package io.sluice.connect.runtime.rest.entities;

import java.util.List;
import java.util.Map;

/** A connector's name, config, task ids and type: the body of {@code GET /connectors/{name}}. */
public record ConnectorInfo(String name, Map<String, String> config, List<ConnectorTaskId> tasks,
                            ConnectorType type) { }
