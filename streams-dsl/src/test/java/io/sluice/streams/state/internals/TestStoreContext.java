package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import io.sluice.streams.processor.BatchingStateRestoreCallback;
import io.sluice.streams.processor.StateRestoreCallback;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.TaskId;
import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/** A task context for store tests: changelog records collected per store, restore callbacks kept. */
final class TestStoreContext implements InternalStoreContext {
    final File stateDir;
    final Map<String, Object> configs = new HashMap<>();
    final Map<String, List<KeyValue<byte[], byte[]>>> changelogs = new HashMap<>();
    final Map<String, StateRestoreCallback> restoreCallbacks = new HashMap<>();
    long timestamp = 0;

    TestStoreContext(File stateDir) {
        this.stateDir = stateDir;
    }

    @Override
    public String applicationId() {
        return "store-test";
    }

    @Override
    public TaskId taskId() {
        return new TaskId(0, 0);
    }

    @Override
    public File stateDir() {
        return stateDir;
    }

    @Override
    public Serde<?> keySerde() {
        return null;
    }

    @Override
    public Serde<?> valueSerde() {
        return null;
    }

    @Override
    public Map<String, Object> appConfigs() {
        return configs;
    }

    @Override
    public void register(StateStore store, StateRestoreCallback restoreCallback) {
        restoreCallbacks.put(store.name(), restoreCallback);
    }

    @Override
    public ChangelogSink changelogFor(String storeName, Map<String, String> topicConfig) {
        List<KeyValue<byte[], byte[]>> log = changelogs.computeIfAbsent(storeName, name -> new ArrayList<>());
        return (key, value, timestampMs) -> log.add(KeyValue.pair(key.get(), value));
    }

    @Override
    public long recordTimestamp() {
        return timestamp;
    }

    /** Replays {@code storeName}'s collected changelog into the restore callback registered by {@code store}. */
    void restore(String storeName, List<KeyValue<byte[], byte[]>> records) {
        ((BatchingStateRestoreCallback) restoreCallbacks.get(storeName)).restoreAll(records);
    }
}
