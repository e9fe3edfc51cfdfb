package io.sluice.log.config;

import java.util.Arrays;
import java.util.List;

/**
 * Checks a parsed config value; throws {@link ConfigException} naming the key and the value. {@link #describe()}
 * is the human text shown in the generated config reference.
 */
public interface Validator<T> {
    void ensureValid(String name, T value);

    String describe();

    Validator<Object> ANY = new Validator<>() {
        @Override
        public void ensureValid(String name, Object value) {
        }

        @Override
        public String describe() {
            return "";
        }
    };

    static <N extends Number> Validator<N> atLeast(long min) {
        return new Validator<>() {
            @Override
            public void ensureValid(String name, N value) {
                if (value.longValue() < min) {
                    throw ConfigException.invalid(name, value, "must be at least " + min);
                }
            }

            @Override
            public String describe() {
                return "[" + min + ",...]";
            }
        };
    }

    static <N extends Number> Validator<N> between(double min, double max) {
        return new Validator<>() {
            @Override
            public void ensureValid(String name, N value) {
                if (value.doubleValue() < min || value.doubleValue() > max) {
                    throw ConfigException.invalid(name, value, "must be between " + min + " and " + max);
                }
            }

            @Override
            public String describe() {
                return "[" + min + ",...," + max + "]";
            }
        };
    }

    static Validator<String> oneOf(String... allowed) {
        List<String> options = Arrays.asList(allowed);
        return new Validator<>() {
            @Override
            public void ensureValid(String name, String value) {
                if (!options.contains(value)) {
                    throw ConfigException.invalid(name, value, "must be one of " + options);
                }
            }

            @Override
            public String describe() {
                return String.join(", ", options);
            }
        };
    }

    static Validator<List<String>> subsetOf(String... allowed) {
        List<String> options = Arrays.asList(allowed);
        return new Validator<>() {
            @Override
            public void ensureValid(String name, List<String> values) {
                if (values.isEmpty()) {
                    throw ConfigException.invalid(name, values, "must list at least one of " + options);
                }
                for (String value : values) {
                    if (!options.contains(value)) {
                        throw ConfigException.invalid(name, value, "each entry must be one of " + options);
                    }
                }
            }

            @Override
            public String describe() {
                return "[" + String.join(", ", options) + "]";
            }
        };
    }
}
