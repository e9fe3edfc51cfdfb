package io.sluice.streams.state.internals;

import static io.sluice.log.config.Validator.atLeast;
import static io.sluice.log.config.Validator.between;

import io.sluice.log.config.ConfigDef;
import io.sluice.log.config.ConfigKey;
import io.sluice.log.config.ConfigValues;
import io.sluice.log.config.Importance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Application settings of RocksDB memory and options, read from the application config
 * ({@link io.sluice.streams.processor.StateStoreContext#appConfigs()}); keys not declared here are ignored, since
 * the application config holds many other settings.
 */
public final class RocksDbMemoryConfig {
    public static final ConfigKey<Long> BLOCK_CACHE_BYTES = ConfigKey.longKey("rocksdb.block.cache.bytes")
        .defaultValue(64L << 20).validator(atLeast(1 << 20)).importance(Importance.HIGH)
        .doc("Bytes of the one LRU block cache shared by every RocksDB store of the application in this process. "
            + "Memtables are charged to it too (see rocksdb.write.buffer.bytes), so it bounds RocksDB's memory.");
    public static final ConfigKey<Long> WRITE_BUFFER_BYTES = ConfigKey.longKey("rocksdb.write.buffer.bytes")
        .defaultValue(16L << 20).validator(atLeast(1 << 20)).importance(Importance.HIGH)
        .doc("Bytes of memtables, across all RocksDB stores of the application, before RocksDB flushes them. "
            + "Charged against the block cache; must not exceed rocksdb.block.cache.bytes.");
    public static final ConfigKey<Double> HIGH_PRIORITY_POOL_RATIO =
        ConfigKey.doubleKey("rocksdb.block.cache.high.priority.ratio")
            .defaultValue(0.1).validator(between(0.0, 1.0)).importance(Importance.LOW)
            .doc("Share of the block cache reserved for index and filter blocks, so data blocks cannot evict them.");
    public static final ConfigKey<Boolean> STRICT_CAPACITY_LIMIT =
        ConfigKey.booleanKey("rocksdb.block.cache.strict.capacity.limit")
            .defaultValue(false).importance(Importance.LOW)
            .doc("Whether reads fail rather than overshoot the block cache when it is full of pinned blocks.");
    public static final ConfigKey<String> CONFIG_SETTER = ConfigKey.stringKey("rocksdb.config.setter")
        .defaultValue("").importance(Importance.LOW)
        .doc("Class name of a RocksDBConfigSetter applied to every store's options before it opens; empty for none.");

    public static final ConfigDef DEFINITION = new ConfigDef("RocksDB state store settings", List.of(
        BLOCK_CACHE_BYTES, WRITE_BUFFER_BYTES, HIGH_PRIORITY_POOL_RATIO, STRICT_CAPACITY_LIMIT, CONFIG_SETTER));

    public final long blockCacheBytes;
    public final long writeBufferBytes;
    public final double highPriorityPoolRatio;
    public final boolean strictCapacityLimit;
    public final String configSetterClass;

    public RocksDbMemoryConfig(Map<String, ?> appConfigs) {
        Map<String, Object> ours = new HashMap<>();
        appConfigs.forEach((name, value) -> {
            if (DEFINITION.contains(name)) {
                ours.put(name, value);
            }
        });
        ConfigValues values = DEFINITION.parse(ours);
        this.blockCacheBytes = values.get(BLOCK_CACHE_BYTES);
        this.writeBufferBytes = values.get(WRITE_BUFFER_BYTES);
        this.highPriorityPoolRatio = values.get(HIGH_PRIORITY_POOL_RATIO);
        this.strictCapacityLimit = values.get(STRICT_CAPACITY_LIMIT);
        this.configSetterClass = values.get(CONFIG_SETTER);
        if (writeBufferBytes > blockCacheBytes) {
            throw new io.sluice.log.config.ConfigException(WRITE_BUFFER_BYTES.name() + "=" + writeBufferBytes
                + " exceeds " + BLOCK_CACHE_BYTES.name() + "=" + blockCacheBytes
                + "; memtables are charged to the block cache");
        }
    }
}
