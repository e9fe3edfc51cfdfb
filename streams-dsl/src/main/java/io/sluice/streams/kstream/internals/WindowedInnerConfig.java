package io.sluice.streams.kstream.internals;

import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.utils.Utils;

/**
 * Creates the inner (de)serializer of a windowed (de)serializer built with its no-argument constructor (as a class
 * named in configuration), from a config key holding a class or a class name. Stateless.
 */
public final class WindowedInnerConfig {
    private WindowedInnerConfig() {
    }

    /**
     * @throws ConfigException naming {@code key} and {@code owner} when the key is missing or the class cannot be
     *     instantiated as a {@code base}
     */
    public static <T> T newInner(Map<String, ?> configs, String key, Class<T> base, String owner) {
        Object value = configs.get(key);
        if (value == null) {
            throw new ConfigException(owner + " was created without an inner " + base.getSimpleName() + " and "
                + key + " is not set");
        }
        try {
            return value instanceof Class<?> type ? base.cast(Utils.newInstance(type))
                : Utils.newInstance(value.toString(), base);
        } catch (KafkaException | ClassNotFoundException | ClassCastException e) {
            throw new ConfigException(key, value, owner + " cannot create its inner " + base.getSimpleName() + ": "
                + e.getMessage());
        }
    }
}
