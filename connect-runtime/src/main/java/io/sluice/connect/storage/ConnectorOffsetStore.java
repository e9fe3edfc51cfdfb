package io.sluice.connect.storage;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * One source connector's view of the {@link OffsetBackingStore}: what its tasks read through
 * {@link OffsetStorageReader} at start, what the worker writes when a task's records are acknowledged, and what the
 * offsets REST endpoints list and alter. Entries are namespaced by the connector name (the first element of each
 * key), so connectors sharing a store never see each other's partitions.
 *
 * <p>Thread-safe (the backing store is).
 */
public final class ConnectorOffsetStore implements OffsetStorageReader {
    private final String connector;
    private final OffsetBackingStore store;
    private final OffsetCodec codec;

    public ConnectorOffsetStore(String connector, OffsetBackingStore store, OffsetCodec codec) {
        this.connector = connector;
        this.store = store;
        this.codec = codec;
    }

    @Override
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        return codec.decodeValue(store.get(codec.key(connector, partition)));
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
        for (Map<String, T> partition : partitions) {
            Map<String, Object> offset = offset(partition);
            if (offset != null) {
                result.put(partition, offset);
            }
        }
        return result;
    }

    /** Every stored partition of this connector and its offset. */
    public Map<Map<String, Object>, Map<String, Object>> all() {
        Map<Map<String, Object>, Map<String, Object>> result = new LinkedHashMap<>();
        for (Map.Entry<ByteBuffer, ByteBuffer> entry : store.all().entrySet()) {
            OffsetCodec.Key key = codec.decodeKey(entry.getKey());
            if (key != null && key.connector().equals(connector)) {
                result.put(key.partition(), codec.decodeValue(entry.getValue()));
            }
        }
        return result;
    }

    /** Stores offsets durably; a null offset removes its partition. */
    public void write(Map<? extends Map<String, ?>, ? extends Map<String, ?>> offsets) {
        Map<ByteBuffer, ByteBuffer> encoded = new HashMap<>();
        offsets.forEach((partition, offset) -> encoded.put(codec.key(connector, partition), codec.value(offset)));
        store.set(encoded);
    }
}
