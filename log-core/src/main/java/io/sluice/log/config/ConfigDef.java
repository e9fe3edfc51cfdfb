package io.sluice.log.config;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A set of {@link ConfigKey} declarations: parses user-supplied properties into {@link ConfigValues} in one
 * validation step (unknown keys are refused by name), and renders the Markdown reference in {@code docs/}.
 * Immutable and thread-safe once built.
 */
public final class ConfigDef {
    private final String title;
    private final Map<String, ConfigKey<?>> keys;

    public ConfigDef(String title, List<ConfigKey<?>> declarations) {
        this.title = title;
        Map<String, ConfigKey<?>> byName = new LinkedHashMap<>();
        for (ConfigKey<?> key : declarations) {
            if (byName.put(key.name(), key) != null) {
                throw new IllegalArgumentException("Config key '" + key.name() + "' is declared twice in " + title);
            }
        }
        this.keys = Collections.unmodifiableMap(byName);
    }

    public Collection<ConfigKey<?>> keys() {
        return keys.values();
    }

    public boolean contains(String name) {
        return keys.containsKey(name);
    }

    /**
     * Parses every declared key from {@code props} (defaults for absent ones).
     *
     * @throws ConfigException naming the first invalid or unknown key
     */
    public ConfigValues parse(Map<String, ?> props) {
        Objects.requireNonNull(props, "props");
        for (String name : props.keySet()) {
            if (!keys.containsKey(name)) {
                throw new ConfigException("Unknown configuration '" + name + "' for " + title);
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ConfigKey<?> key : keys.values()) {
            values.put(key.name(), key.parse(props.get(key.name())));
        }
        return new ConfigValues(this, values);
    }

    /** The Markdown table for the config reference: keys ordered by importance, then name. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(title).append("\n\n");
        out.append("| key | type | default | valid values | importance | description |\n");
        out.append("|---|---|---|---|---|---|\n");
        keys.values().stream()
            .sorted(Comparator.<ConfigKey<?>, Importance>comparing(ConfigKey::importance).thenComparing(ConfigKey::name))
            .forEach(key -> out.append("| `").append(key.name()).append("` | ").append(key.typeName())
                .append(" | ").append(renderDefault(key.defaultValue())).append(" | ").append(key.validValues())
                .append(" | ").append(key.importance().name().toLowerCase(java.util.Locale.ROOT))
                .append(" | ").append(key.doc()).append(" |\n"));
        return out.toString();
    }

    private static String renderDefault(Object value) {
        if (value == null) {
            return "(required)";
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }
}
