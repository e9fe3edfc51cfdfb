package io.sluice.connect.runtime.rest.entities;

import java.util.Map;

/** One task's id and the config its connector generated for it: an element of {@code GET /connectors/{name}/tasks}. */
public record TaskInfo(ConnectorTaskId id, Map<String, String> config) { }
