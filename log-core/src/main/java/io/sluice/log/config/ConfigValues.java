package io.sluice.log.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parsed, validated values of one {@link ConfigDef}. Immutable. */
public final class ConfigValues {
    private final ConfigDef definition;
    private final Map<String, Object> values;

    ConfigValues(ConfigDef definition, Map<String, Object> values) {
        this.definition = definition;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    public <T> T get(ConfigKey<T> key) {
        if (!definition.contains(key.name())) {
            throw new IllegalArgumentException("Key '" + key.name() + "' is not part of this definition");
        }
        @SuppressWarnings("unchecked") // the value was produced by key.parse, so it is a T
        T value = (T) values.get(key.name());
        return value;
    }

    /** Every key with its parsed value, in declaration order. */
    public Map<String, Object> asMap() {
        return values;
    }
}
