package io.sluice.streams.state.internals;

import static io.sluice.log.config.Validator.atLeast;

import io.sluice.log.config.ConfigDef;
import io.sluice.log.config.ConfigKey;
import io.sluice.log.config.Importance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Application settings of the record cache of caching stores; undeclared keys in the app config are ignored. */
public final class StoreCacheConfig {
    public static final ConfigKey<Long> CACHE_MAX_BYTES = ConfigKey.longKey("statestore.cache.max.bytes")
        .defaultValue(10L << 20).validator(atLeast(0)).importance(Importance.MEDIUM)
        .doc("Bytes (keys, values and a fixed per-entry overhead) each caching store may hold before it evicts "
            + "entries, writing dirty ones to the store below and forwarding them. 0 disables absorbing repeated "
            + "updates. Unlike Kafka Streams, which shares this budget across all stores of a thread, it applies "
            + "to each store.");

    public static final ConfigDef DEFINITION = new ConfigDef("State store cache settings", List.of(CACHE_MAX_BYTES));

    private StoreCacheConfig() {
    }

    static long maxBytes(Map<String, ?> appConfigs) {
        Map<String, Object> ours = new HashMap<>();
        if (appConfigs.containsKey(CACHE_MAX_BYTES.name())) {
            ours.put(CACHE_MAX_BYTES.name(), appConfigs.get(CACHE_MAX_BYTES.name()));
        }
        return DEFINITION.parse(ours).get(CACHE_MAX_BYTES);
    }
}
