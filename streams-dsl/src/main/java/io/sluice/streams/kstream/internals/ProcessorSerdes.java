package io.sluice.streams.kstream.internals;

import io.sluice.log.config.ConfigException;
import io.sluice.streams.processor.api.ProcessingContext;
import org.apache.kafka.common.serialization.Serde;

/**
 * Serdes a DSL processor uses itself (to write internal topics' bytes or hash values): the one the user gave,
 * else the application's default, resolved at init with an error naming the operator when there is none.
 */
final class ProcessorSerdes {
    private ProcessorSerdes() {
    }

    @SuppressWarnings("unchecked") // the default serde is the application's promise for untyped operators
    static <T> Serde<T> keySerde(ProcessingContext context, Serde<T> given, String operator) {
        return given != null ? given : (Serde<T>) orFail(context.keySerde(), operator, "key", "default.key.serde");
    }

    @SuppressWarnings("unchecked") // the default serde is the application's promise for untyped operators
    static <T> Serde<T> valueSerde(ProcessingContext context, Serde<T> given, String operator) {
        return given != null ? given
            : (Serde<T>) orFail(context.valueSerde(), operator, "value", "default.value.serde");
    }

    private static Serde<?> orFail(Serde<?> fallback, String operator, String what, String configKey) {
        if (fallback == null) {
            throw new ConfigException("Operator " + operator + " has no " + what + " serde: give one (Grouped, "
                + "Materialized, Consumed, ...) or set " + configKey);
        }
        return fallback;
    }
}
