package io.sluice.connect.testkit;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Source offsets kept in a map, read through the Connect API a task sees ({@link OffsetStorageReader}).
 *
 * <p>{@link #commit} stores the offset of the last record per source partition, which is what a worker flushes
 * once the records are acknowledged; a test that commits everything it polled before stopping a task models a
 * clean restart. Whole-number offset values are stored as {@code Long}, as they come back from the JSON the
 * runtime persists. Thread-safe.
 */
public final class InMemoryOffsetStore implements OffsetStorageReader {

    private final Map<Map<String, ?>, Map<String, Object>> offsets = new ConcurrentHashMap<>();

    /** Stores each record's offset under its partition, later records of a partition replacing earlier ones. */
    public void commit(Collection<SourceRecord> records) {
        for (SourceRecord record : records) {
            put(record.sourcePartition(), record.sourceOffset());
        }
    }

    public void put(Map<String, ?> partition, Map<String, ?> offset) {
        Map<String, Object> stored = new LinkedHashMap<>();
        offset.forEach((key, value) -> stored.put(key, value instanceof Integer i ? Long.valueOf(i) : value));
        offsets.put(Map.copyOf(partition), stored);
    }

    @Override
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        return offsets.get(partition);
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
        for (Map<String, T> partition : partitions) {
            Map<String, Object> offset = offset(partition);
            if (offset != null) {
                found.put(partition, offset);
            }
        }
        return found;
    }
}
