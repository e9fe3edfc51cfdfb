package io.sluice.streams.processor.internals;

import io.sluice.streams.StreamsConfig;
import io.sluice.streams.processor.TimestampExtractor;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * What every task of an application shares from its configuration, resolved once: defaults are instantiated
 * here, not per record.
 */
public record TaskSettings(String applicationId, Map<String, Object> appConfigs, Serde<?> defaultKeySerde,
                           Serde<?> defaultValueSerde, TimestampExtractor defaultTimestampExtractor) {
    public static TaskSettings from(StreamsConfig config, String applicationId) {
        return new TaskSettings(applicationId, config.originals(), config.defaultKeySerde(),
            config.defaultValueSerde(), config.defaultTimestampExtractor());
    }
}
