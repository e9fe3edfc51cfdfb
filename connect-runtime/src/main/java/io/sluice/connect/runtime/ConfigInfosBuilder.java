package io.sluice.connect.runtime;

import io.sluice.connect.runtime.rest.entities.ConfigInfos;
import io.sluice.connect.runtime.rest.entities.ConfigInfos.ConfigInfo;
import io.sluice.connect.runtime.rest.entities.ConfigInfos.ConfigKeyInfo;
import io.sluice.connect.runtime.rest.entities.ConfigInfos.ConfigValueInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Assembles a validation result in Kafka Connect's format from ConfigDef definitions and validated values: one entry per
 * key, in definition order (the framework's keys first, then the connector's), types, importance and width by their
 * ConfigDef names ({@code STRING}, {@code HIGH}, {@code NONE}), values and defaults rendered as ConfigDef renders them
 * (passwords hidden, lists comma-separated), {@code required} when the key has no default, and {@code error_count} the
 * total of all error messages. A validated value with no definition keeps a null {@code definition}, as in Kafka.
 *
 * <p>Not thread-safe; one builder per validation.
 */
final class ConfigInfosBuilder {

    private final List<ConfigInfo> configs = new ArrayList<>();
    private final LinkedHashSet<String> groups = new LinkedHashSet<>();
    private int errorCount;

    /** Adds one definition's keys with their validated values (a key without a value is skipped). */
    ConfigInfosBuilder add(ConfigDef definition, Map<String, ConfigValue> values) {
        groups.addAll(definition.groups());
        Map<String, ConfigValue> remaining = new LinkedHashMap<>(values);
        for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
            ConfigValue value = remaining.remove(key.name);
            if (value != null) {
                add(keyInfo(key), valueInfo(value, key.type));
            }
        }
        for (ConfigValue undefined : remaining.values()) {
            add(null, valueInfo(undefined, null));
        }
        return this;
    }

    ConfigInfos build(String name) {
        return new ConfigInfos(name, errorCount, List.copyOf(groups), List.copyOf(configs));
    }

    private void add(ConfigKeyInfo key, ConfigValueInfo value) {
        configs.add(new ConfigInfo(key, value));
        errorCount += value.errors().size();
    }

    private static ConfigKeyInfo keyInfo(ConfigDef.ConfigKey key) {
        boolean required = !key.hasDefault();
        String defaultValue = required ? null : ConfigDef.convertToString(key.defaultValue, key.type);
        return new ConfigKeyInfo(key.name, key.type.name(), required, defaultValue,
            key.importance == null ? null : key.importance.name(),
            key.documentation, key.group, key.orderInGroup, key.width.name(), key.displayName,
            List.copyOf(key.dependents));
    }

    private static ConfigValueInfo valueInfo(ConfigValue value, ConfigDef.Type type) {
        List<String> recommended = new ArrayList<>();
        for (Object candidate : value.recommendedValues()) {
            recommended.add(render(candidate, type));
        }
        return new ConfigValueInfo(value.name(), render(value.value(), type), recommended,
            List.copyOf(value.errorMessages()), value.visible());
    }

    private static String render(Object value, ConfigDef.Type type) {
        if (value == null) {
            return null;
        }
        return type == null ? value.toString() : ConfigDef.convertToString(value, type);
    }
}
