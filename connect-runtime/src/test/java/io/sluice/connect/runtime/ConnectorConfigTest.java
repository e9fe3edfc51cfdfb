package io.sluice.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.runtime.isolation.Plugins;
import io.sluice.connect.runtime.testplugins.CountingSourceConnector;
import io.sluice.connect.runtime.testplugins.RecordingSinkConnector;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class ConnectorConfigTest {
    private static final Plugins PLUGINS = new Plugins(List.of());

    private static Map<String, String> source() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "s");
        props.put("connector.class", CountingSourceConnector.class.getName());
        return props;
    }

    private static List<String> errors(ConfigDef def, Map<String, String> props, String key) {
        return def.validate(props).stream().filter(v -> v.name().equals(key)).findFirst()
            .map(ConfigValue::errorMessages).orElseThrow(() -> new AssertionError("no key " + key));
    }

    @Test
    void enrichmentReportsAMissingKeyOfATransformationsOwnConfig() {
        Map<String, String> props = source();
        props.put("transforms", "extract");
        props.put("transforms.extract.type", "org.apache.kafka.connect.transforms.ExtractField$Value");

        ConfigDef def = ConnectorConfig.enrich(PLUGINS, SourceConnectorConfig.configDef(), props);

        assertThat(errors(def, props, "transforms.extract.field")).isNotEmpty();
    }

    @Test
    void enrichmentReportsAnUnknownTransformationClassOnItsTypeKey() {
        Map<String, String> props = source();
        props.put("transforms", "x");
        props.put("transforms.x.type", "com.example.NoSuchTransform");

        ConfigDef def = ConnectorConfig.enrich(PLUGINS, SourceConnectorConfig.configDef(), props);

        assertThat(errors(def, props, "transforms.x.type")).singleElement().asString()
            .contains("com.example.NoSuchTransform");
    }

    @Test
    void predicateMustBeDeclaredAndNegateIsAccepted() {
        Map<String, String> props = source();
        props.put("transforms", "drop");
        props.put("transforms.drop.type", "org.apache.kafka.connect.transforms.Filter");
        props.put("transforms.drop.predicate", "isTombstone");
        props.put("transforms.drop.negate", "true");

        ConfigDef def = ConnectorConfig.enrich(PLUGINS, SourceConnectorConfig.configDef(), props);
        assertThat(errors(def, props, "transforms.drop.predicate")).singleElement().asString()
            .contains("isTombstone");

        props.put("predicates", "isTombstone");
        props.put("predicates.isTombstone.type", "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone");
        ConfigDef fixed = ConnectorConfig.enrich(PLUGINS, SourceConnectorConfig.configDef(), props);
        assertThat(fixed.validate(props)).allSatisfy(v -> assertThat(v.errorMessages()).isEmpty());
    }

    @Test
    void sinkNeedsExactlyOneOfTopicsAndTopicsRegex() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "k");
        props.put("connector.class", RecordingSinkConnector.class.getName());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConnectorConfig.of(PLUGINS, props, true))
            .isInstanceOf(ConfigException.class).hasMessageContaining("topics or topics.regex");
        props.put("topics", "a");
        assertThat(((SinkConnectorConfig) ConnectorConfig.of(PLUGINS, props, true)).topics()).containsExactly("a");
    }
}
