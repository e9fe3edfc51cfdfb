package io.sluice.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The result of validating a connector config, in Kafka Connect's format: one entry per key with its definition
 * and its value's errors; {@code error_count} is the total number of errors, 0 for a valid config.
 */
public record ConfigInfos(String name, @JsonProperty("error_count") int errorCount, List<String> groups,
                          List<ConfigInfo> configs) {

    public record ConfigInfo(ConfigKeyInfo definition, ConfigValueInfo value) { }

    public record ConfigKeyInfo(String name, String type, boolean required,
                                @JsonProperty("default_value") String defaultValue, String importance,
                                String documentation, String group, @JsonProperty("order") int orderInGroup, String width,
                                @JsonProperty("display_name") String displayName, List<String> dependents) { }

    public record ConfigValueInfo(String name, String value,
                                  @JsonProperty("recommended_values") List<String> recommendedValues,
                                  List<String> errors, boolean visible) { }
}
