package io.sluice.connect.runtime.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import io.netty.handler.codec.http.HttpMethod;
import io.sluice.connect.runtime.BadRequestException;
import io.sluice.connect.runtime.Herder;
import java.util.Map;

/**
 * The {@code /connector-plugins} endpoints: the plugins the worker found and config validation. Stateless.
 */
final class ConnectorPluginsResource {

    private static final String CONNECTOR_CLASS_CONFIG = "connector.class";
    private static final String CONNECTOR_SUFFIX = "Connector";
    private static final TypeReference<Map<String, String>> CONFIG_MAP = new TypeReference<>() { };

    private final Herder herder;

    ConnectorPluginsResource(Herder herder) {
        this.herder = herder;
    }

    void register(RestRouter router) {
        router.add(HttpMethod.GET, "/connector-plugins", request ->
            RestResponse.ok(herder.connectorPlugins(request.booleanQueryParam("connectorsOnly", true))));
        router.add(HttpMethod.PUT, "/connector-plugins/{plugin}/config/validate", this::validate);
    }

    /**
     * The plugin in the path may be a full class name or an alias ({@code FileStreamSource} or
     * {@code FileStreamSourceConnector}); a {@code connector.class} in the body must name the same plugin.
     */
    private RestResponse validate(RestRequest request) {
        String plugin = request.pathParam("plugin");
        Map<String, String> config = request.body(CONFIG_MAP);
        String included = config.get(CONNECTOR_CLASS_CONFIG);
        if (included != null && !withoutSuffix(included).endsWith(withoutSuffix(plugin))) {
            throw new BadRequestException("Included connector type " + included + " does not match request type "
                + plugin);
        }
        return RestResponse.ok(herder.validateConnectorConfig(config));
    }

    private static String withoutSuffix(String pluginName) {
        return pluginName.endsWith(CONNECTOR_SUFFIX) && pluginName.length() > CONNECTOR_SUFFIX.length()
            ? pluginName.substring(0, pluginName.length() - CONNECTOR_SUFFIX.length())
            : pluginName;
    }
}
