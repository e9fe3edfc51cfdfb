package io.sluice.log.protocol;

import io.sluice.log.config.ConfigKey;
import io.sluice.log.storage.LogConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * Describes every topic-level key of {@link LogConfig#DEFINITION} for one topic: its effective value and where
 * that value comes from, most specific first — the topic's own override ({@code DYNAMIC_TOPIC_CONFIG}), the
 * broker's topic defaults ({@code STATIC_BROKER_CONFIG}) or the key's declared default ({@code DEFAULT_CONFIG}).
 * Shared by CreateTopics (v5+ returns the new topic's configs) and DescribeConfigs so both report the same.
 *
 * <p>Synonyms carry the topic key name at every level: our broker defaults are declared under the topic names
 * (there is no {@code log.retention.ms}-style broker alias yet). Immutable and thread-safe.
 */
final class TopicConfigDescriber {
    private final Map<String, ?> topicDefaults;

    record Synonym(String name, String value, ConfigSource source) {
    }

    /** One key: {@code synonyms} lists every level that sets it, the first one wins. */
    record DescribedConfig(ConfigKey<?> key, String value, ConfigSource source, List<Synonym> synonyms) {
        String name() {
            return key.name();
        }
    }

    TopicConfigDescriber(Map<String, ?> topicDefaults) {
        this.topicDefaults = Map.copyOf(topicDefaults);
    }

    /**
     * @param overrides the topic's own keys (already validated, or about to be created with validateOnly)
     * @throws io.sluice.log.config.ConfigException if the overrides are not valid
     */
    List<DescribedConfig> describe(Map<String, String> overrides) {
        Map<String, Object> merged = new HashMap<>(topicDefaults);
        merged.putAll(overrides);
        Map<String, Object> effective = new LogConfig(merged).values();
        List<DescribedConfig> described = new ArrayList<>();
        for (ConfigKey<?> key : LogConfig.DEFINITION.keys()) {
            String name = key.name();
            List<Synonym> synonyms = new ArrayList<>(3);
            if (overrides.containsKey(name)) {
                synonyms.add(new Synonym(name, render(key.parse(overrides.get(name))), ConfigSource.TOPIC_CONFIG));
            }
            if (topicDefaults.containsKey(name)) {
                synonyms.add(new Synonym(name, render(key.parse(topicDefaults.get(name))),
                    ConfigSource.STATIC_BROKER_CONFIG));
            }
            synonyms.add(new Synonym(name, render(key.defaultValue()), ConfigSource.DEFAULT_CONFIG));
            described.add(new DescribedConfig(key, render(effective.get(name)), synonyms.get(0).source(),
                List.copyOf(synonyms)));
        }
        return described;
    }

    /** Kafka's text form: lists comma-separated, numbers as Java prints them. */
    static String render(Object value) {
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return value == null ? null : String.valueOf(value);
    }

    static ConfigType configType(ConfigKey<?> key) {
        return switch (key.typeName()) {
            case "boolean" -> ConfigType.BOOLEAN;
            case "string" -> ConfigType.STRING;
            case "int" -> ConfigType.INT;
            case "long" -> ConfigType.LONG;
            case "double" -> ConfigType.DOUBLE;
            case "list" -> ConfigType.LIST;
            default -> ConfigType.UNKNOWN;
        };
    }
}
