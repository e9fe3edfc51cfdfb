package io.sluice.log.storage;

import io.sluice.log.record.Record;
import io.sluice.log.record.RecordBatch;
import io.sluice.log.record.RecordBatchBuilder;
import io.sluice.log.record.RecordBatches;
import io.sluice.log.util.MockTime;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds partition logs for tests: a temp directory, a mock clock, a flusher driven by the test
 * ({@link LogFlusher#flushQueued()}), and helpers to make batches and read values back.
 */
final class LogFixture implements AutoCloseable {
    static final TopicPartition TP = new TopicPartition("orders", 0);

    final Path dir;
    final MockTime time = new MockTime();
    final LogFlusher flusher = new LogFlusher(0, "test");
    final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Map<String, Object> config = new HashMap<>();
    private PartitionLog current;

    LogFixture(Path parent) {
        this.dir = parent.resolve(TP.dirName());
        config.put(LogConfig.FILE_DELETE_DELAY_MS.name(), 0L);
    }

    LogFixture with(String key, Object value) {
        config.put(key, value);
        return this;
    }

    LogConfig config() {
        return new LogConfig(config);
    }

    LogEnvironment env() {
        return new LogEnvironment(time, flusher, scheduler, 86_400_000L);
    }

    PartitionLog open() {
        current = PartitionLog.open(dir, TP, config(), 0L, 0L, true, env());
        return current;
    }

    /** Closes the current log cleanly and opens it again. */
    PartitionLog reopen() {
        current.close();
        return open();
    }

    /** Opens the directory as after a crash: recovery from {@code recoveryPoint}. */
    PartitionLog openAfterCrash(long recoveryPoint) {
        current = PartitionLog.open(dir, TP, config(), recoveryPoint, 0L, false, env());
        return current;
    }

    static ByteBuffer batch(String... values) {
        return batch(1_000L, values);
    }

    static ByteBuffer batch(long timestamp, String... values) {
        RecordBatchBuilder builder = new RecordBatchBuilder(0L);
        for (String value : values) {
            builder.append(timestamp, null, value.getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    static ByteBuffer keyedBatch(String... keyValues) {
        RecordBatchBuilder builder = new RecordBatchBuilder(0L);
        for (int i = 0; i < keyValues.length; i += 2) {
            builder.append(1_000L, keyValues[i].getBytes(StandardCharsets.UTF_8),
                keyValues[i + 1] == null ? null : keyValues[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    static ByteBuffer idempotentBatch(long producerId, short epoch, int baseSequence, String... values) {
        RecordBatchBuilder builder = new RecordBatchBuilder(0L).producer(producerId, epoch, baseSequence);
        for (String value : values) {
            builder.append(1_000L, null, value.getBytes(StandardCharsets.UTF_8));
        }
        return builder.build();
    }

    /** Every record value from {@code startOffset} to the log end, decoded as UTF-8, with its offset. */
    static List<String> readValues(PartitionLog log, long startOffset) throws IOException {
        List<String> values = new ArrayList<>();
        long next = startOffset;
        while (next < log.logEndOffset()) {
            FetchResult result = log.read(next, 1 << 20, true);
            if (result.isEmpty()) {
                break;
            }
            for (RecordBatch batch : RecordBatches.completeBatchesOf(result.slice().readFully())) {
                for (Iterator<Record> records = batch.records(); records.hasNext(); ) {
                    Record record = records.next();
                    if (record.offset() >= next) {
                        values.add(record.offset() + ":" + (record.value() == null ? "null"
                            : StandardCharsets.UTF_8.decode(record.value())));
                    }
                }
                next = batch.nextOffset();
            }
        }
        return values;
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
        }
        scheduler.shutdownNow();
        flusher.close();
    }
}
