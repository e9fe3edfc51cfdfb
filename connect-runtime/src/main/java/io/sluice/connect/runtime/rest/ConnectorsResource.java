package io.sluice.connect.runtime.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.netty.handler.codec.http.HttpMethod;
import io.sluice.connect.runtime.BadRequestException;
import io.sluice.connect.runtime.Herder;
import io.sluice.connect.runtime.rest.entities.ConnectorInfo;
import io.sluice.connect.runtime.rest.entities.ConnectorOffsets;
import io.sluice.connect.runtime.rest.entities.ConnectorStateInfo;
import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import io.sluice.connect.runtime.rest.entities.CreateConnectorRequest;
import io.sluice.connect.runtime.rest.entities.Message;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.connect.errors.NotFoundException;

/**
 * The {@code /connectors} endpoints: HTTP onto {@link Herder} with Kafka Connect's status codes and bodies. Stateless;
 * every call goes straight to the herder, which is safe for concurrent use.
 */
final class ConnectorsResource {

    private static final String NAME_CONFIG = "name";
    private static final TypeReference<Map<String, String>> CONFIG_MAP = new TypeReference<>() { };

    private final Herder herder;

    ConnectorsResource(Herder herder) {
        this.herder = herder;
    }

    void register(RestRouter router) {
        router.add(HttpMethod.GET, "/connectors", this::listConnectors);
        router.add(HttpMethod.POST, "/connectors", this::createConnector);
        router.add(HttpMethod.GET, "/connectors/{connector}",
            request -> RestResponse.ok(herder.connectorInfo(request.pathParam("connector"))));
        router.add(HttpMethod.DELETE, "/connectors/{connector}", request -> {
            herder.deleteConnector(request.pathParam("connector"));
            return RestResponse.noContent();
        });
        router.add(HttpMethod.GET, "/connectors/{connector}/config",
            request -> RestResponse.ok(herder.connectorConfig(request.pathParam("connector"))));
        router.add(HttpMethod.PUT, "/connectors/{connector}/config", this::putConnectorConfig);
        router.add(HttpMethod.GET, "/connectors/{connector}/status",
            request -> RestResponse.ok(herder.connectorStatus(request.pathParam("connector"))));
        router.add(HttpMethod.GET, "/connectors/{connector}/tasks",
            request -> RestResponse.ok(herder.taskConfigs(request.pathParam("connector"))));
        router.add(HttpMethod.GET, "/connectors/{connector}/tasks/{task}/status",
            request -> RestResponse.ok(herder.taskStatus(taskId(request))));
        router.add(HttpMethod.POST, "/connectors/{connector}/restart", this::restartConnector);
        router.add(HttpMethod.POST, "/connectors/{connector}/tasks/{task}/restart", request -> {
            herder.restartTask(taskId(request));
            return RestResponse.noContent();
        });
        router.add(HttpMethod.PUT, "/connectors/{connector}/pause", request -> {
            herder.pauseConnector(request.pathParam("connector"));
            return RestResponse.accepted(null);
        });
        router.add(HttpMethod.PUT, "/connectors/{connector}/resume", request -> {
            herder.resumeConnector(request.pathParam("connector"));
            return RestResponse.accepted(null);
        });
        router.add(HttpMethod.PUT, "/connectors/{connector}/stop", request -> {
            herder.stopConnector(request.pathParam("connector"));
            return RestResponse.noContent();
        });
        router.add(HttpMethod.GET, "/connectors/{connector}/topics", request -> {
            String name = request.pathParam("connector");
            List<String> topics = List.copyOf(new TreeSet<>(herder.connectorActiveTopics(name)));
            return RestResponse.ok(Map.of(name, Map.of("topics", topics)));
        });
        router.add(HttpMethod.PUT, "/connectors/{connector}/topics/reset", request -> {
            herder.resetConnectorActiveTopics(request.pathParam("connector"));
            return RestResponse.accepted(null);
        });
        router.add(HttpMethod.GET, "/connectors/{connector}/offsets",
            request -> RestResponse.ok(herder.connectorOffsets(request.pathParam("connector"))));
        router.add(HttpMethod.PATCH, "/connectors/{connector}/offsets", this::alterOffsets);
        router.add(HttpMethod.DELETE, "/connectors/{connector}/offsets", request ->
            RestResponse.ok(new Message(herder.resetConnectorOffsets(request.pathParam("connector")))));
    }

    /** {@code ?expand=status} and/or {@code ?expand=info} turn the list of names into a map keyed by name. */
    private RestResponse listConnectors(RestRequest request) {
        List<String> expand = request.queryParams("expand");
        if (expand.isEmpty()) {
            return RestResponse.ok(herder.connectors());
        }
        Map<String, Map<String, Object>> expanded = new LinkedHashMap<>();
        for (String name : herder.connectors()) {
            try {
                Map<String, Object> entry = new LinkedHashMap<>();
                if (expand.contains("status")) {
                    entry.put("status", herder.connectorStatus(name));
                }
                if (expand.contains("info")) {
                    entry.put("info", herder.connectorInfo(name));
                }
                expanded.put(name, entry);
            } catch (NotFoundException deletedMeanwhile) {
                // The connector went away between listing and expanding; it is simply no longer part of the answer.
            }
        }
        return RestResponse.ok(expanded);
    }

    private RestResponse createConnector(RestRequest request) {
        CreateConnectorRequest create = request.body(CreateConnectorRequest.class);
        // As in Kafka Connect: a missing name becomes "" so the config validation reports it like any other field.
        String name = create.name() == null ? "" : create.name().trim();
        if (create.config() == null) {
            throw new BadRequestException("Connector config is required in the request body of connector '" + name
                + "'");
        }
        Map<String, String> config = withName(name, create.config());
        Herder.Created<ConnectorInfo> created = herder.putConnectorConfig(name, config,
            initialState(create.initialState()), false);
        return RestResponse.created(location(name), created.result());
    }

    private RestResponse putConnectorConfig(RestRequest request) {
        String name = request.pathParam("connector");
        Map<String, String> config = withName(name, request.body(CONFIG_MAP));
        Herder.Created<ConnectorInfo> result = herder.putConnectorConfig(name, config, Herder.TargetState.RUNNING,
            true);
        return result.created()
            ? RestResponse.created(location(name), result.result())
            : RestResponse.ok(result.result());
    }

    /** Without query parameters only the connector instance restarts (204); otherwise 202 with the planned states. */
    private RestResponse restartConnector(RestRequest request) {
        boolean includeTasks = request.booleanQueryParam("includeTasks", false);
        boolean onlyFailed = request.booleanQueryParam("onlyFailed", false);
        ConnectorStateInfo planned = herder.restartConnector(request.pathParam("connector"), includeTasks, onlyFailed);
        return includeTasks || onlyFailed ? RestResponse.accepted(planned) : RestResponse.noContent();
    }

    private RestResponse alterOffsets(RestRequest request) {
        String name = request.pathParam("connector");
        ConnectorOffsets offsets = request.body(ConnectorOffsets.class);
        if (offsets.offsets() == null || offsets.offsets().isEmpty()) {
            throw new BadRequestException("Offsets to alter for connector '" + name + "' must contain at least one "
                + "partition and offset");
        }
        return RestResponse.ok(new Message(herder.alterConnectorOffsets(name, offsets)));
    }

    /** The name in the URL wins; a different name inside the config is refused, a missing one filled in. */
    private static Map<String, String> withName(String name, Map<String, String> config) {
        String included = config.get(NAME_CONFIG);
        if (included != null && !included.equals(name)) {
            throw new BadRequestException("Connector name configuration (" + included
                + ") doesn't match connector name in the URL (" + name + ")");
        }
        Map<String, String> named = new HashMap<>(config);
        named.put(NAME_CONFIG, name);
        return named;
    }

    private static Herder.TargetState initialState(String initialState) {
        if (initialState == null) {
            return Herder.TargetState.RUNNING;
        }
        try {
            return Herder.TargetState.valueOf(initialState.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("Invalid initial_state '" + initialState + "'; expected one of "
                + Arrays.toString(Herder.TargetState.values()));
        }
    }

    private static ConnectorTaskId taskId(RestRequest request) {
        return new ConnectorTaskId(request.pathParam("connector"), request.intPathParam("task"));
    }

    private static String location(String name) {
        return "/connectors/" + RestPaths.encodeSegment(name);
    }
}
