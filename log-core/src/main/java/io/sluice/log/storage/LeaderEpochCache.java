package io.sluice.log.storage;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader epochs of one partition log and the offset at which each began: what a follower asks about with
 * OffsetForLeaderEpoch to find where its log diverges from the leader's (Kafka's {@code LeaderEpochFileCache}).
 *
 * <p><b>Invariant.</b> Entries are strictly increasing in epoch <em>and</em> in start offset. An epoch covers the
 * offsets from its start offset up to the next entry's start offset (the last epoch: up to the log end offset).
 *
 * <p><b>File.</b> Every change is written to {@code <logDir>/leader-epoch-checkpoint} before the method returns,
 * via {@link AtomicFiles}, in the checkpoint text layout:
 *
 * <pre>
 *   0            version
 *   3            entry count
 *   0 0          &lt;epoch&gt; &lt;startOffset&gt;, in increasing order
 *   2 1200
 *   5 4051
 * </pre>
 *
 * <p><b>Threading.</b> Guarded by a read-write lock: the partition's single writer thread calls the mutators
 * ({@link #assign}, {@link #truncateFromEnd}, {@link #truncateFromStart}), fetch and request threads call the
 * readers concurrently. The file is written while the write lock is held, so the file and memory never disagree
 * for a reader that then looks at the file. I/O failures surface as {@link java.io.UncheckedIOException}; the
 * in-memory state has then changed and the caller must fail the log directory, as Kafka does.
 */
public final class LeaderEpochCache {
    public static final String FILE_NAME = "leader-epoch-checkpoint";
    public static final int UNDEFINED_EPOCH = -1;
    public static final long UNDEFINED_EPOCH_OFFSET = -1L;

    private static final Logger LOG = LoggerFactory.getLogger(LeaderEpochCache.class);

    /** Leader epoch {@code epoch} began at offset {@code startOffset}; both {@code >= 0}. */
    public record EpochEntry(int epoch, long startOffset) {
        public EpochEntry {
            if (epoch < 0 || startOffset < 0) {
                throw new IllegalArgumentException("Leader epoch " + epoch + " and start offset " + startOffset
                    + " must both be >= 0");
            }
        }
    }

    /**
     * The answer to OffsetForLeaderEpoch: the largest epoch {@code <=} the requested one and the offset where it
     * ends (exclusive), or {@link #UNDEFINED} when there is none.
     */
    public record EpochEndOffset(int epoch, long endOffset) {
        public static final EpochEndOffset UNDEFINED = new EpochEndOffset(UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET);
    }

    private final CheckpointTextFile<EpochEntry> checkpoint;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    // Keyed by epoch; monotonic in start offset too (see invariant). Guarded by lock.
    private final TreeMap<Integer, EpochEntry> epochs = new TreeMap<>();
    /** The last entry, published after every change: lets {@link #assign} skip both locks on the hot path. */
    private volatile EpochEntry latest;

    private LeaderEpochCache(Path logDir) {
        this.checkpoint = new CheckpointTextFile<>(logDir.resolve(FILE_NAME), new EpochEntryFormat());
    }

    /**
     * Opens the cache of the log in {@code logDir}, loading its checkpoint file if there is one.
     *
     * @throws io.sluice.log.errors.CorruptCheckpointException if the file is malformed
     */
    public static LeaderEpochCache open(Path logDir) {
        LeaderEpochCache cache = new LeaderEpochCache(logDir);
        // Loading through insert() restores the invariant even for a file written with a broken one, as Kafka does.
        cache.checkpoint.read().forEach(cache::insert);
        cache.latest = cache.epochs.isEmpty() ? null : cache.epochs.lastEntry().getValue();
        return cache;
    }

    /**
     * Records that {@code epoch} starts at {@code startOffset}. Ignored if {@code epoch} is the latest epoch and
     * its recorded start offset is {@code <= startOffset} (the epoch already began there or earlier). Otherwise,
     * any existing entry with an epoch {@code >= epoch} or a start offset {@code >= startOffset} contradicts the
     * new one and is removed first: the log has been overwritten from that point, and keeping both monotonic is
     * what makes {@link #endOffsetFor} and {@link #epochForOffset} simple searches.
     *
     * @throws IllegalArgumentException if either argument is negative
     */
    public void assign(int epoch, long startOffset) {
        EpochEntry last = latest;
        if (last != null && last.epoch() == epoch && last.startOffset() <= startOffset) {
            return;
        }
        EpochEntry entry = new EpochEntry(epoch, startOffset);
        // The leader calls this for every appended batch; nearly every call is a no-op, so decide under the
        // shared lock and only take the exclusive one for a real change.
        lock.readLock().lock();
        try {
            if (!isUpdateNeeded(entry)) {
                return;
            }
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            if (insert(entry)) {
                persist();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    public OptionalInt latestEpoch() {
        EpochEntry last = latest;
        return last == null ? OptionalInt.empty() : OptionalInt.of(last.epoch());
    }

    /**
     * Where {@code requestedEpoch} ends, as OffsetForLeaderEpoch answers it:
     *
     * <ul>
     *   <li>the latest epoch: ({@code requestedEpoch}, {@code logEndOffset}) — the epoch is still being written;
     *   <li>an epoch with a known higher epoch after it: the largest known epoch {@code <= requestedEpoch} and the
     *       start offset of the first epoch above {@code requestedEpoch};
     *   <li>an epoch below every known one (older entries were truncated with the log start): the requested epoch
     *       itself and the start offset of the first known epoch, so a follower truncates to where our data begins
     *       rather than keeping offsets we no longer have (Kafka's behaviour);
     *   <li>{@link #UNDEFINED_EPOCH}, an epoch above the latest, or an empty cache: {@link EpochEndOffset#UNDEFINED}.
     * </ul>
     */
    public EpochEndOffset endOffsetFor(int requestedEpoch, long logEndOffset) {
        lock.readLock().lock();
        try {
            if (requestedEpoch == UNDEFINED_EPOCH || epochs.isEmpty()) {
                return EpochEndOffset.UNDEFINED;
            }
            if (requestedEpoch == epochs.lastKey()) {
                return new EpochEndOffset(requestedEpoch, logEndOffset);
            }
            Map.Entry<Integer, EpochEntry> higher = epochs.higherEntry(requestedEpoch);
            if (higher == null) {
                return EpochEndOffset.UNDEFINED;
            }
            Map.Entry<Integer, EpochEntry> floor = epochs.floorEntry(requestedEpoch);
            int epoch = floor == null ? requestedEpoch : floor.getKey();
            return new EpochEndOffset(epoch, higher.getValue().startOffset());
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Removes the entries with a start offset {@code >= endOffset}: the log was truncated to {@code endOffset}
     * (exclusive), so those epochs have no data any more.
     */
    public void truncateFromEnd(long endOffset) {
        requireNonNegative(endOffset, "end offset");
        lock.writeLock().lock();
        try {
            boolean changed = false;
            while (!epochs.isEmpty() && epochs.lastEntry().getValue().startOffset() >= endOffset) {
                epochs.pollLastEntry();
                changed = true;
            }
            if (changed) {
                persist();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Moves the start of the cache to {@code startOffset} after the log start offset advanced: entries that end at
     * or before it are dropped, and the entry that contains it now starts at {@code startOffset}.
     */
    public void truncateFromStart(long startOffset) {
        requireNonNegative(startOffset, "start offset");
        lock.writeLock().lock();
        try {
            if (epochs.isEmpty() || epochs.firstEntry().getValue().startOffset() >= startOffset) {
                return;
            }
            // The first entry starts below startOffset, so at least one entry is polled here.
            EpochEntry containing = null;
            while (!epochs.isEmpty() && epochs.firstEntry().getValue().startOffset() <= startOffset) {
                containing = epochs.pollFirstEntry().getValue();
            }
            epochs.put(containing.epoch(), new EpochEntry(containing.epoch(), startOffset));
            persist();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The epoch whose range contains {@code offset}: the last entry starting at or before it; empty if none. */
    public OptionalInt epochForOffset(long offset) {
        lock.readLock().lock();
        try {
            for (EpochEntry entry : epochs.descendingMap().values()) {
                if (entry.startOffset() <= offset) {
                    return OptionalInt.of(entry.epoch());
                }
            }
            return OptionalInt.empty();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** A copy of the entries, in increasing epoch (and start offset) order. */
    public List<EpochEntry> entries() {
        lock.readLock().lock();
        try {
            return List.copyOf(epochs.values());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Caller holds a lock. */
    private boolean isUpdateNeeded(EpochEntry entry) {
        Map.Entry<Integer, EpochEntry> latest = epochs.lastEntry();
        return latest == null || latest.getKey() != entry.epoch()
            || entry.startOffset() < latest.getValue().startOffset();
    }

    /** Caller holds the write lock (or has not published the cache yet). Returns whether anything changed. */
    private boolean insert(EpochEntry entry) {
        if (!isUpdateNeeded(entry)) {
            return false;
        }
        while (!epochs.isEmpty()) {
            EpochEntry last = epochs.lastEntry().getValue();
            if (last.epoch() < entry.epoch() && last.startOffset() < entry.startOffset()) {
                break;
            }
            LOG.info("{}: removing leader epoch entry {} that conflicts with new entry {}", checkpoint.file(), last,
                entry);
            epochs.pollLastEntry();
        }
        epochs.put(entry.epoch(), entry);
        return true;
    }

    private static void requireNonNegative(long offset, String name) {
        if (offset < 0) {
            throw new IllegalArgumentException("Leader epoch cache " + name + " must be >= 0, got " + offset);
        }
    }

    private static final class EpochEntryFormat implements CheckpointTextFile.EntryFormat<EpochEntry> {
        @Override
        public String toLine(EpochEntry entry) {
            return entry.epoch() + " " + entry.startOffset();
        }

        @Override
        public EpochEntry fromFields(String[] fields) {
            CheckpointTextFile.requireFields(fields, 2, "<epoch> <startOffset>");
            return new EpochEntry(Integer.parseInt(fields[0]), Long.parseLong(fields[1]));
        }
    }

    /** Writes the checkpoint and publishes the new last entry; called under the write lock after a change. */
    private void persist() {
        checkpoint.write(epochs.values());
        latest = epochs.isEmpty() ? null : epochs.lastEntry().getValue();
    }

}
