package io.sluice.streams.processor.internals;

import io.sluice.streams.StreamsConfig;
import io.sluice.streams.errors.DeserializationExceptionHandler;
import io.sluice.streams.errors.ProcessingExceptionHandler;
import io.sluice.streams.errors.ProductionExceptionHandler;
import io.sluice.streams.processor.TimestampExtractor;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * What every task of an application shares from its configuration, resolved once: defaults are instantiated
 * here, not per record. The exception handlers are shared by the tasks that share these settings, on one thread
 * (the production handler also by that thread's record collector).
 */
public record TaskSettings(String applicationId, Map<String, Object> appConfigs, Serde<?> defaultKeySerde,
                           Serde<?> defaultValueSerde, TimestampExtractor defaultTimestampExtractor,
                           DeserializationExceptionHandler deserializationExceptionHandler,
                           ProcessingExceptionHandler processingExceptionHandler,
                           ProductionExceptionHandler productionExceptionHandler) {
    public static TaskSettings from(StreamsConfig config, String applicationId) {
        return new TaskSettings(applicationId, config.originals(), config.defaultKeySerde(),
            config.defaultValueSerde(), config.defaultTimestampExtractor(), config.deserializationExceptionHandler(),
            config.processingExceptionHandler(),
            config.productionExceptionHandler());
    }
}
