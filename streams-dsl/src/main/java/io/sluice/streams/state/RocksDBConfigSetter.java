package io.sluice.streams.state;

import java.util.Map;
import org.rocksdb.Options;

/**
 * A hook to adjust RocksDB options of every store before it opens, named by class in
 * {@code rocksdb.config.setter} (a public no-arg constructor is required). The shared block cache and write
 * buffer manager are already set when {@link #setConfig} runs; replacing them gives up the application-wide
 * memory bound.
 */
public interface RocksDBConfigSetter {
    void setConfig(String storeName, Options options, Map<String, Object> configs);

    /** Closes RocksDB objects this setter created for {@code storeName} (not the shared cache). */
    default void close(String storeName, Options options) {
    }
}
