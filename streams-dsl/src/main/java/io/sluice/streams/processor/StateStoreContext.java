package io.sluice.streams.processor;

import java.io.File;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * What a store sees of the task that owns it while it initialises: identity, where to keep files, the application
 * configuration, and where to register for changelog restoration.
 */
public interface StateStoreContext {
    String applicationId();

    /** The owning task (printed as {@code "0_1"}); used in log messages and directory names. */
    TaskId taskId();

    /** This task's state directory; a persistent store keeps its files in {@code stateDir()/<store name>}. */
    File stateDir();

    /** The application's default key serde ({@code default.key.serde}), or {@code null} when none is set. */
    Serde<?> keySerde();

    /** The application's default value serde ({@code default.value.serde}), or {@code null} when none is set. */
    Serde<?> valueSerde();

    /** The application's configuration, including store settings such as {@code rocksdb.block.cache.bytes}. */
    Map<String, Object> appConfigs();

    /**
     * Registers {@code store} (the root passed to {@link StateStore#init}) with the task, so the runtime can replay
     * its changelog into {@code restoreCallback} before processing starts.
     */
    void register(StateStore store, StateRestoreCallback restoreCallback);
}
