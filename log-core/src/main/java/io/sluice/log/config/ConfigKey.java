package io.sluice.log.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one declaration of a configuration key: name, type, default, validator, importance and doc. Immutable;
 * each {@code with}-style method returns a new key, so declarations read as one chained expression:
 *
 * <pre>{@code
 * public static final ConfigKey<Integer> SEGMENT_BYTES = ConfigKey.intKey("segment.bytes")
 *     .defaultValue(1 << 30).validator(Validator.atLeast(61)).importance(Importance.HIGH)
 *     .doc("Bytes written to one segment file before the log rolls to a new one.");
 * }</pre>
 *
 * @param <T> the parsed value's type
 */
public final class ConfigKey<T> {
    private final String name;
    private final String typeName;
    private final Function<String, T> parser;
    private final Class<?> javaType;
    private final T defaultValue;
    private final Validator<? super T> validator;
    private final Importance importance;
    private final String doc;

    private ConfigKey(String name, String typeName, Class<?> javaType, Function<String, T> parser, T defaultValue,
                      Validator<? super T> validator, Importance importance, String doc) {
        this.name = Objects.requireNonNull(name, "name");
        this.typeName = typeName;
        this.javaType = javaType;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.validator = validator;
        this.importance = importance;
        this.doc = doc;
    }

    private static <T> ConfigKey<T> of(String name, String typeName, Class<?> javaType, Function<String, T> parser) {
        return new ConfigKey<>(name, typeName, javaType, parser, null, Validator.ANY, Importance.MEDIUM, "");
    }

    public static ConfigKey<Integer> intKey(String name) {
        return of(name, "int", Integer.class, Integer::valueOf);
    }

    public static ConfigKey<Long> longKey(String name) {
        return of(name, "long", Long.class, Long::valueOf);
    }

    public static ConfigKey<Double> doubleKey(String name) {
        return of(name, "double", Double.class, Double::valueOf);
    }

    public static ConfigKey<Boolean> booleanKey(String name) {
        return of(name, "boolean", Boolean.class, ConfigKey::parseBoolean);
    }

    public static ConfigKey<String> stringKey(String name) {
        return of(name, "string", String.class, String::trim);
    }

    /** A comma-separated list of strings. */
    public static ConfigKey<List<String>> listKey(String name) {
        return of(name, "list", List.class, ConfigKey::parseList);
    }

    public ConfigKey<T> defaultValue(T value) {
        return new ConfigKey<>(name, typeName, javaType, parser, value, validator, importance, doc);
    }

    public ConfigKey<T> validator(Validator<? super T> check) {
        return new ConfigKey<>(name, typeName, javaType, parser, defaultValue, check, importance, doc);
    }

    public ConfigKey<T> importance(Importance level) {
        return new ConfigKey<>(name, typeName, javaType, parser, defaultValue, validator, level, doc);
    }

    public ConfigKey<T> doc(String text) {
        return new ConfigKey<>(name, typeName, javaType, parser, defaultValue, validator, importance, text);
    }

    public String name() {
        return name;
    }

    public String typeName() {
        return typeName;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public Importance importance() {
        return importance;
    }

    public String doc() {
        return doc;
    }

    public String validValues() {
        return validator.describe();
    }

    /**
     * Parses and validates a raw value: a String (from a properties file or the wire) or an already-typed value.
     * {@code null} means "not set" and yields the default.
     */
    public T parse(Object raw) {
        T value;
        if (raw == null) {
            value = defaultValue;
        } else if (javaType.isInstance(raw)) {
            @SuppressWarnings("unchecked") // javaType is T's class, or List for list keys whose elements we check
            T typed = (T) (raw instanceof List<?> list ? parseList(list.stream().map(String::valueOf)
                .collect(Collectors.joining(","))) : raw);
            value = typed;
        } else if (raw instanceof Number number && javaType == Long.class) {
            @SuppressWarnings("unchecked") // javaType == Long.class
            T widened = (T) Long.valueOf(number.longValue());
            value = widened;
        } else {
            String text = raw.toString();
            try {
                value = parser.apply(text.trim());
            } catch (IllegalArgumentException e) {
                throw ConfigException.invalid(name, text, "expected a value of type " + typeName);
            }
        }
        if (value == null) {
            throw new ConfigException("Missing required configuration '" + name + "' which has no default value");
        }
        validator.ensureValid(name, value);
        return value;
    }

    private static Boolean parseBoolean(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException(text);
        };
    }

    private static List<String> parseList(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Override
    public String toString() {
        return name;
    }
}
