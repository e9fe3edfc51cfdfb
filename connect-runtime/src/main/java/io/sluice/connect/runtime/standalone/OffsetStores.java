package io.sluice.connect.runtime.standalone;

import io.sluice.connect.runtime.WorkerConfig;
import io.sluice.connect.storage.FileOffsetBackingStore;
import io.sluice.connect.storage.KafkaOffsetBackingStore;
import io.sluice.connect.storage.OffsetBackingStore;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a standalone worker keeps source offsets: the file of {@code offset.storage.file.filename} when set (Kafka
 * Connect's standalone default), else the compacted {@code offset.storage.topic}. Stateless.
 */
final class OffsetStores {

    private OffsetStores() {
    }

    static OffsetBackingStore forWorker(WorkerConfig config) {
        String file = config.getString(WorkerConfig.OFFSET_STORAGE_FILE_FILENAME);
        if (!file.isBlank()) {
            return new FileOffsetBackingStore(Path.of(file));
        }
        return new KafkaOffsetBackingStore(config.getString(WorkerConfig.OFFSET_STORAGE_TOPIC),
            config.getInt(WorkerConfig.OFFSET_STORAGE_PARTITIONS),
            config.getShort(WorkerConfig.OFFSET_STORAGE_REPLICATION_FACTOR),
            Map.of(WorkerConfig.BOOTSTRAP_SERVERS, config.bootstrapServers()));
    }
}
