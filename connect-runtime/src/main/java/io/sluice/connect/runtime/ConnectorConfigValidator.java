package io.sluice.connect.runtime;

import io.sluice.connect.runtime.isolation.Plugins;
import io.sluice.connect.runtime.rest.entities.ConfigInfos;
import io.sluice.connect.runtime.rest.entities.PluginInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Validates a connector config as Kafka Connect does before creating or reconfiguring a connector, and for
 * {@code PUT /connector-plugins/{class}/config/validate}: the framework's keys ({@link SourceConnectorConfig} or
 * {@link SinkConnectorConfig}, enriched with the keys of the listed transformations and predicates), the rules across
 * sink keys, then the connector's own {@code config()} through its {@code validate()}. Problems are reported per key,
 * never thrown: a missing or unloadable {@code connector.class} is an error on that key (Kafka Connect 4.x answers the
 * same way rather than with a 500).
 *
 * <p>Stateless apart from the plugins; safe for concurrent use. The connector's own validation runs with its plugin
 * class loader as the thread's context loader, as it would inside the worker.
 */
public final class ConnectorConfigValidator {

    private final Plugins plugins;

    public ConnectorConfigValidator(Plugins plugins) {
        this.plugins = plugins;
    }

    public ConfigInfos validate(Map<String, String> props) {
        String connectorClass = props.get(ConnectorConfig.CONNECTOR_CLASS);
        if (connectorClass == null || connectorClass.isBlank()) {
            // The base definition marks connector.class required, so its own validation reports the missing value.
            ConfigDef base = ConnectorConfig.configDef();
            return new ConfigInfosBuilder().add(base, base.validateAll(props)).build(connectorClass);
        }
        Connector connector;
        try {
            connector = plugins.newConnector(connectorClass);
        } catch (RuntimeException notLoadable) {
            ConfigDef base = ConnectorConfig.configDef();
            Map<String, ConfigValue> values = base.validateAll(props);
            values.get(ConnectorConfig.CONNECTOR_CLASS).addErrorMessage(notLoadable.getMessage());
            return new ConfigInfosBuilder().add(base, values).build(connectorClass);
        }
        boolean sink = connector instanceof SinkConnector;
        ConfigDef framework = ConnectorConfig.enrich(plugins,
            sink ? SinkConnectorConfig.configDef() : SourceConnectorConfig.configDef(), props);
        Map<String, ConfigValue> frameworkValues = framework.validateAll(props);
        if (sink) {
            checkSinkRules(props, frameworkValues);
        }
        ConfigDef own = new ConfigDef();
        Map<String, ConfigValue> ownValues = new LinkedHashMap<>();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(plugins.connectorLoader(connectorClass));
        try {
            for (ConfigValue value : connector.validate(props).configValues()) {
                ownValues.put(value.name(), value);
            }
            if (connector.config() != null) {
                own = connector.config();
            }
        } catch (RuntimeException failed) {
            // A connector whose validate() throws is reported on connector.class instead of failing the request.
            frameworkValues.get(ConnectorConfig.CONNECTOR_CLASS).addErrorMessage("Connector " + connectorClass
                + " failed to validate its config: " + failed);
        } finally {
            thread.setContextClassLoader(previous);
        }
        return new ConfigInfosBuilder().add(framework, frameworkValues).add(own, ownValues).build(connectorClass);
    }

    /** The plugins found by the worker; connectors only unless {@code connectorsOnly} is false. */
    public List<PluginInfo> plugins(boolean connectorsOnly) {
        return plugins.plugins(connectorsOnly);
    }

    /**
     * Kafka Connect's message for a refused config: the count, then each error on its own line, then where the
     * per-key result can be fetched.
     */
    public static String describeErrors(ConfigInfos validation) {
        StringBuilder message = new StringBuilder("Connector configuration is invalid and contains the following ")
            .append(validation.errorCount()).append(" error(s):");
        for (ConfigInfos.ConfigInfo config : validation.configs()) {
            for (String error : config.value().errors()) {
                message.append('\n').append(error);
            }
        }
        return message.append("\nYou can also find the above list of errors at the endpoint "
            + "`/connector-plugins/{connectorType}/config/validate`").toString();
    }

    /** The cross-key sink rules concern topics and topics.regex together, so both keys carry the error. */
    private static void checkSinkRules(Map<String, String> props, Map<String, ConfigValue> values) {
        try {
            SinkConnectorConfig.validate(props);
        } catch (ConfigException broken) {
            values.get(SinkConnectorConfig.TOPICS).addErrorMessage(broken.getMessage());
            values.get(SinkConnectorConfig.TOPICS_REGEX).addErrorMessage(broken.getMessage());
        }
    }
}
