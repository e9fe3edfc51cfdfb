package io.sluice.log.storage;

import io.sluice.log.errors.InvalidProducerEpochException;
import io.sluice.log.errors.OutOfOrderSequenceException;
import io.sluice.log.record.RecordBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idempotent-producer state of one partition log: per producer id, its epoch and last few batches, so the log
 * can reject out-of-order or fenced writes and answer retries with the original offsets (Kafka's
 * {@code ProducerStateManager}, for magic-2 batches; transactions are not tracked yet).
 *
 * <p><b>Use.</b> For each batch, in log order: {@link #checkAppend} before offsets are assigned (a present result
 * means "duplicate: reply with these offsets, append nothing"), then {@link #update} once the batch has its
 * offsets, then {@link #updateMapEndOffset} with the new log end offset. Recovery replays batches with
 * {@link #update} from the offset {@link #loadLatestSnapshot} or {@link #truncateAndReload} returns.
 *
 * <p><b>Threading.</b> Owned by the partition's single writer thread: every method except {@link #lastEntry} and
 * {@link #activeProducers} must be called from it. Those two are safe from any thread because the state is a
 * {@link ConcurrentHashMap} of immutable {@link ProducerStateEntry} values that the writer replaces, never
 * mutates; a reader sees each producer's latest published entry (weakly consistent across producers), and
 * during a snapshot reload it may see the state partly loaded.
 *
 * <p><b>Snapshots.</b> {@link #takeSnapshot} writes the whole state to {@code <logDir>/<offset>.snapshot}, the
 * offset zero-padded to 20 digits, where {@code offset} is the {@link #mapEndOffset()}: the snapshot reflects
 * exactly the batches below it, so replay resumes at it. Written via {@link AtomicFiles}. Layout, big-endian:
 *
 * <pre>
 *   offset  size  field
 *   0       2     version (int16) = 1
 *   2       4     CRC-32C (uint32) of every byte from offset 6 to the end
 *   6       4     producer count N (int32)
 *   10      ...   N producer records:
 *     +0    8       producer id (int64)
 *     +8    2       producer epoch (int16)
 *     +10   8       last timestamp (int64)
 *     +18   1       batch count B (int8, 0..5)
 *     +19   32 x B  batches, oldest first: first seq (int32), last seq (int32), first offset (int64),
 *                   last offset (int64), max timestamp (int64)
 * </pre>
 *
 * <p>A snapshot that fails any check on load (size, version, CRC, counts, trailing bytes) is never trusted: it is
 * logged with its path, deleted, and the next older one is tried; with none left the caller replays from the log.
 * I/O failures surface as {@link UncheckedIOException}.
 */
public final class ProducerStateManager {
    static final String SNAPSHOT_SUFFIX = ".snapshot";

    private static final Logger LOG = LoggerFactory.getLogger(ProducerStateManager.class);
    private static final Pattern SNAPSHOT_NAME = Pattern.compile("(\\d{20})\\.snapshot");
    private static final short SNAPSHOT_VERSION = 1;
    private static final int CRC_OFFSET = 2;
    private static final int CRC_COVERAGE_START = 6;
    private static final int SNAPSHOT_HEADER_SIZE = 10;
    private static final int PRODUCER_RECORD_SIZE = 19;
    private static final int BATCH_RECORD_SIZE = 32;

    private final TopicPartition topicPartition;
    private final Path logDir;
    private final ConcurrentHashMap<Long, ProducerStateEntry> producers = new ConcurrentHashMap<>();
    private long mapEndOffset;

    /** An empty state for the log in {@code logDir}; load a snapshot to resume. */
    public ProducerStateManager(TopicPartition topicPartition, Path logDir) {
        this.topicPartition = topicPartition;
        this.logDir = logDir;
    }

    /**
     * Validates a batch before it is appended. Batches without a producer id, and every batch not from
     * {@link AppendOrigin#CLIENT}, pass unchecked. For a client batch of a known producer:
     *
     * <ol>
     *   <li>an epoch below the producer's latest is fenced;
     *   <li>a retry of one of the last {@value ProducerStateEntry#NUM_BATCHES_TO_RETAIN} batches (same epoch,
     *       same first and last sequence) returns that batch's metadata: the caller replies with its offsets;
     *   <li>a new epoch must start at sequence 0; the same epoch must continue at last sequence + 1, where 0
     *       follows {@link Integer#MAX_VALUE}.
     * </ol>
     *
     * An unknown producer may start at any sequence: its state may have expired or been removed with old segments.
     *
     * @return the original batch if this one is a retry of it, else empty
     * @throws InvalidProducerEpochException if the producer epoch is stale
     * @throws OutOfOrderSequenceException if the first sequence does not continue the producer's sequence
     */
    public Optional<BatchMetadata> checkAppend(RecordBatch batch, AppendOrigin origin) {
        if (!batch.hasProducerId() || origin != AppendOrigin.CLIENT) {
            return Optional.empty();
        }
        ProducerStateEntry entry = producers.get(batch.producerId());
        if (entry == null) {
            return Optional.empty();
        }
        short epoch = batch.producerEpoch();
        int firstSeq = batch.baseSequence();
        if (epoch < entry.producerEpoch()) {
            throw new InvalidProducerEpochException("Producer " + batch.producerId() + " in " + topicPartition
                + " wrote with epoch " + epoch + ", which is older than its latest epoch " + entry.producerEpoch());
        }
        if (epoch != entry.producerEpoch()) {
            if (firstSeq != 0) {
                throw new OutOfOrderSequenceException("Producer " + batch.producerId() + " in " + topicPartition
                    + " started new epoch " + epoch + " (previous " + entry.producerEpoch() + ") at sequence "
                    + firstSeq + ", expected 0");
            }
            return Optional.empty();
        }
        Optional<BatchMetadata> duplicate = entry.findBatch(firstSeq, batch.lastSequence());
        if (duplicate.isPresent()) {
            return duplicate;
        }
        int lastSeq = entry.lastSeq();
        int expected = lastSeq == Integer.MAX_VALUE ? 0 : lastSeq + 1;
        if (firstSeq != expected) {
            throw new OutOfOrderSequenceException("Out of order sequence for producer " + batch.producerId()
                + " in " + topicPartition + " at epoch " + epoch + ": expected sequence " + expected
                + " but received " + firstSeq);
        }
        return Optional.empty();
    }

    /**
     * Records an appended batch (its offsets assigned), or a replayed one. Keeps the producer's last
     * {@value ProducerStateEntry#NUM_BATCHES_TO_RETAIN} batches; a new epoch starts afresh. Control batches only
     * move the epoch and timestamp. Batches without a producer id are ignored. Does not move
     * {@link #mapEndOffset()}.
     */
    public void update(RecordBatch batch) {
        if (!batch.hasProducerId()) {
            return;
        }
        long producerId = batch.producerId();
        ProducerStateEntry current = producers.getOrDefault(producerId, ProducerStateEntry.empty(producerId));
        ProducerStateEntry next = batch.isControlBatch()
            ? current.withMarker(batch.producerEpoch(), batch.maxTimestamp())
            : current.withBatch(batch.producerEpoch(), new BatchMetadata(batch.baseSequence(), batch.lastSequence(),
                batch.baseOffset(), batch.lastOffset(), batch.maxTimestamp()));
        producers.put(producerId, next);
    }

    /** The offset up to which (exclusive) the state reflects the log: where replay would resume. */
    public long mapEndOffset() {
        return mapEndOffset;
    }

    public void updateMapEndOffset(long offset) {
        this.mapEndOffset = offset;
    }

    /** The producer's state, if it is known. Safe from any thread. */
    public Optional<ProducerStateEntry> lastEntry(long producerId) {
        return Optional.ofNullable(producers.get(producerId));
    }

    /** An immutable copy of every known producer's state, by producer id. Safe from any thread. */
    public Map<Long, ProducerStateEntry> activeProducers() {
        return Map.copyOf(producers);
    }

    /**
     * Forgets producers whose last write is at least {@code expirationMs} old ({@code producer.id.expiration.ms});
     * a returning producer is then treated as unknown. As in Kafka, the last write time is the batch's max
     * timestamp.
     */
    public void removeExpiredProducers(long nowMs, long expirationMs) {
        producers.values().removeIf(entry -> nowMs - entry.lastTimestamp() >= expirationMs);
    }

    /**
     * Writes the current state to {@code <offset>.snapshot}, replacing any snapshot at that offset.
     *
     * @throws IllegalArgumentException unless {@code offset} is the {@link #mapEndOffset()}: a snapshot must
     *     reflect exactly the batches below its offset, or replay from it would skip or repeat some
     */
    public void takeSnapshot(long offset) {
        if (offset != mapEndOffset) {
            throw new IllegalArgumentException("Producer state snapshot of " + topicPartition + " at offset " + offset
                + " would not match the state, which reflects the log up to offset " + mapEndOffset);
        }
        try {
            AtomicFiles.write(snapshotFile(offset), encode(producers.values()));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to write producer state snapshot of " + topicPartition, e);
        }
    }

    /**
     * Replaces the state with the newest valid snapshot at or below {@code maxOffset} and sets the
     * {@link #mapEndOffset()} to its offset. With no valid snapshot the state is empty and the map end offset 0:
     * the caller replays from its first batch (the log start offset, wherever that is).
     *
     * @return the offset to replay the log from
     */
    public long loadLatestSnapshot(long maxOffset) {
        mapEndOffset = loadNewestValidSnapshot(maxOffset).orElse(0L);
        return mapEndOffset;
    }

    /**
     * After the log was truncated or its start moved: deletes snapshots outside
     * {@code [logStartOffset, logEndOffset]}, then reloads the newest remaining valid one. With none, the state is
     * empty and the {@link #mapEndOffset()} is {@code logStartOffset}.
     *
     * @return the offset to replay the log from
     */
    public long truncateAndReload(long logStartOffset, long logEndOffset) {
        if (logStartOffset > logEndOffset) {
            throw new IllegalArgumentException("Log start offset " + logStartOffset + " of " + topicPartition
                + " is above its log end offset " + logEndOffset);
        }
        for (long offset : snapshotOffsets()) {
            if (offset < logStartOffset || offset > logEndOffset) {
                deleteSnapshot(offset);
            }
        }
        mapEndOffset = loadNewestValidSnapshot(logEndOffset).orElse(logStartOffset);
        return mapEndOffset;
    }

    /** Deletes the snapshots with an offset below {@code offset}, e.g. of segments deleted by retention. */
    public void deleteSnapshotsBelow(long offset) {
        for (long snapshotOffset : snapshotOffsets()) {
            if (snapshotOffset < offset) {
                deleteSnapshot(snapshotOffset);
            }
        }
    }

    /** The offsets of the snapshot files in the log directory, ascending. */
    public List<Long> snapshotOffsets() {
        List<Long> offsets = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(logDir, "*" + SNAPSHOT_SUFFIX)) {
            for (Path file : files) {
                Matcher name = SNAPSHOT_NAME.matcher(file.getFileName().toString());
                if (name.matches()) {
                    offsets.add(Long.parseLong(name.group(1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to list producer state snapshots in " + logDir, e);
        }
        offsets.sort(null);
        return offsets;
    }

    private Path snapshotFile(long offset) {
        return logDir.resolve(String.format(Locale.ROOT, "%020d", offset) + SNAPSHOT_SUFFIX);
    }

    private OptionalLong loadNewestValidSnapshot(long maxOffset) {
        producers.clear();
        List<Long> offsets = snapshotOffsets();
        for (int i = offsets.size() - 1; i >= 0; i--) {
            long offset = offsets.get(i);
            if (offset > maxOffset) {
                continue;
            }
            Path file = snapshotFile(offset);
            try {
                producers.putAll(decode(Files.readAllBytes(file)));
                return OptionalLong.of(offset);
            } catch (CorruptSnapshotException e) {
                // Deleted so it is reported once, not on every restart, and never shadows a newer good snapshot.
                LOG.warn("Deleting corrupt producer state snapshot {} of {}: {}", file, topicPartition,
                    e.getMessage());
                deleteSnapshot(offset);
            } catch (IOException e) {
                throw new UncheckedIOException("Failed to read producer state snapshot " + file, e);
            }
        }
        return OptionalLong.empty();
    }

    private void deleteSnapshot(long offset) {
        try {
            Files.deleteIfExists(snapshotFile(offset));
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to delete producer state snapshot " + snapshotFile(offset), e);
        }
    }

    private static byte[] encode(Collection<ProducerStateEntry> producers) {
        int size = SNAPSHOT_HEADER_SIZE;
        for (ProducerStateEntry entry : producers) {
            size += PRODUCER_RECORD_SIZE + BATCH_RECORD_SIZE * entry.batches().size();
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort(SNAPSHOT_VERSION).putInt(0).putInt(producers.size());
        for (ProducerStateEntry entry : producers) {
            buffer.putLong(entry.producerId()).putShort(entry.producerEpoch()).putLong(entry.lastTimestamp())
                .put((byte) entry.batches().size());
            for (BatchMetadata batch : entry.batches()) {
                buffer.putInt(batch.firstSeq()).putInt(batch.lastSeq()).putLong(batch.firstOffset())
                    .putLong(batch.lastOffset()).putLong(batch.maxTimestamp());
            }
        }
        buffer.putInt(CRC_OFFSET, (int) crc(buffer.array()));
        return buffer.array();
    }

    private static Map<Long, ProducerStateEntry> decode(byte[] content) throws CorruptSnapshotException {
        if (content.length < SNAPSHOT_HEADER_SIZE) {
            throw new CorruptSnapshotException(content.length + " bytes, shorter than the " + SNAPSHOT_HEADER_SIZE
                + "-byte header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(content);
        short version = buffer.getShort();
        if (version != SNAPSHOT_VERSION) {
            throw new CorruptSnapshotException("version " + version + ", expected " + SNAPSHOT_VERSION);
        }
        long storedCrc = Integer.toUnsignedLong(buffer.getInt());
        long computedCrc = crc(content);
        if (storedCrc != computedCrc) {
            throw new CorruptSnapshotException("stored CRC " + storedCrc + " != computed CRC " + computedCrc);
        }
        try {
            int count = buffer.getInt();
            if (count < 0) {
                throw new CorruptSnapshotException("negative producer count " + count);
            }
            Map<Long, ProducerStateEntry> entries = new HashMap<>();
            for (int i = 0; i < count; i++) {
                long producerId = buffer.getLong();
                short epoch = buffer.getShort();
                long lastTimestamp = buffer.getLong();
                int batchCount = buffer.get();
                if (batchCount < 0 || batchCount > ProducerStateEntry.NUM_BATCHES_TO_RETAIN) {
                    throw new CorruptSnapshotException("producer " + producerId + " has " + batchCount + " batches");
                }
                List<BatchMetadata> batches = new ArrayList<>(batchCount);
                for (int b = 0; b < batchCount; b++) {
                    batches.add(new BatchMetadata(buffer.getInt(), buffer.getInt(), buffer.getLong(),
                        buffer.getLong(), buffer.getLong()));
                }
                entries.put(producerId, new ProducerStateEntry(producerId, epoch, batches, lastTimestamp));
            }
            if (buffer.hasRemaining()) {
                throw new CorruptSnapshotException(buffer.remaining() + " trailing bytes after " + count
                    + " producers");
            }
            return entries;
        } catch (BufferUnderflowException e) {
            throw new CorruptSnapshotException("truncated: content ends inside a producer record");
        }
    }

    private static long crc(byte[] content) {
        CRC32C crc = new CRC32C();
        crc.update(content, CRC_COVERAGE_START, content.length - CRC_COVERAGE_START);
        return crc.getValue();
    }

    /** A snapshot file that must not be trusted; checked so the load loop cannot forget to handle it. */
    private static final class CorruptSnapshotException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptSnapshotException(String problem) {
            super(problem);
        }
    }
}
