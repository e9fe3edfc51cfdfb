package io.sluice.streams.runtime;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sluice.streams.errors.LockException;
import io.sluice.streams.errors.TaskIdFormatException;
import io.sluice.streams.processor.TaskId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's state on disk: {@code state.dir/<application.id>/}, holding a {@code .lock} file, the
 * process metadata file ({@value #PROCESS_FILE_NAME}, JSON {@code {"processId":"<uuid>"}} as Kafka Streams writes
 * it: the instance's identity across restarts) and one directory per task, {@code <subtopology>_<partition>} (the
 * {@link TaskId} form), each with its stores and its {@link OffsetCheckpoint}.
 *
 * <p>Invariants: task directories are handed out only while this instance holds the exclusive lock on
 * {@code .lock}, so two instances never write the same stores. The lock is an OS file lock, released by the OS
 * when the process dies (a {@code kill -9} leaves no stale lock behind). A task directory in use
 * ({@link #tryAcquireTaskDir} without its {@link #releaseTaskDir}) belongs to one owner (a stream thread) at a time
 * and is never deleted: the owners, their counts and the cleaner ({@link #cleanUnowned}) are guarded by this
 * object's monitor. A task moving between two threads of the instance thus waits until the thread that had it
 * closed its stores (RocksDB allows one open per directory).
 *
 * <p>Lifecycle: {@link #lock()} once at start → {@link #processId()}, task directories, checkpoints,
 * {@link #cleanUnowned} → {@link #close()} (releases the lock; idempotent).
 *
 * <p>Threading: thread-safe. The lock belongs to the instance, shared by its stream threads and its state
 * cleaner; a task directory is used by the thread that acquired it only.
 */
public final class StateDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateDirectory.class);
    static final String LOCK_FILE_NAME = ".lock";
    static final String PROCESS_FILE_NAME = "kafka-streams-process-metadata";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Real paths of the application directories locked by some instance in this JVM. */
    private static final Set<Path> LOCKED_IN_THIS_JVM = ConcurrentHashMap.newKeySet();

    private final Path appDir;
    private FileChannel lockChannel;
    private FileLock lock;
    private Path lockKey;
    /** The owner of each task directory in use, and how many times it acquired it; guarded by {@code this}. */
    private final Map<TaskId, Holder> inUse = new HashMap<>();

    private record Holder(String owner, int count) {
    }

    /**
     * @param stateDir      {@code state.dir}
     * @param applicationId {@code application.id}, the name of the application's directory
     */
    public StateDirectory(Path stateDir, String applicationId) {
        if (applicationId == null || applicationId.isEmpty()) {
            throw new IllegalArgumentException("application.id must be set to name the state directory under "
                + stateDir);
        }
        this.appDir = stateDir.resolve(applicationId);
    }

    /** {@code state.dir/<application.id>}. */
    public Path appDir() {
        return appDir;
    }

    /**
     * Creates the application directory if needed and takes its exclusive lock, failing at once (no waiting) when
     * another instance holds it.
     *
     * @throws LockException naming the directory when another process or another instance in this JVM holds it
     * @throws UncheckedIOException naming the directory when it cannot be created or locked
     */
    public synchronized void lock() {
        if (lock != null) {
            return;
        }
        Path lockFile = appDir.resolve(LOCK_FILE_NAME);
        Path key;
        try {
            Files.createDirectories(appDir);
            key = appDir.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the state directory " + appDir + ": " + e.getMessage(), e);
        }
        // Checked before opening the lock file: on Linux, closing any descriptor of a file drops every POSIX lock
        // the process holds on it, so a second instance in this JVM must not even open (and then close) it.
        if (!LOCKED_IN_THIS_JVM.add(key)) {
            throw lockedBy("another instance in this JVM", null);
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock taken = channel.tryLock();
            if (taken == null) {
                throw lockedBy("another process", null);
            }
            lockChannel = channel;
            lock = taken;
            lockKey = key;
        } catch (OverlappingFileLockException e) {
            throw lockedBy("other code in this JVM", e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock the state directory " + appDir + ": " + e.getMessage(), e);
        } finally {
            if (lock == null) {
                LOCKED_IN_THIS_JVM.remove(key);
                if (channel != null) {
                    closeQuietly(channel);
                }
            }
        }
    }

    private LockException lockedBy(String holder, Throwable cause) {
        return new LockException("The state directory " + appDir + " is locked by " + holder
            + " of the application: stop that instance, or give each instance its own state.dir", cause);
    }

    /** Whether this instance holds the lock. */
    public synchronized boolean isLocked() {
        return lock != null;
    }

    /**
     * The id of this application instance: read from {@value #PROCESS_FILE_NAME}, or a new random one written
     * there, so a restarted instance is the same client to the assignor and gets its tasks back.
     *
     * @throws IllegalStateException when the lock is not held
     * @throws UncheckedIOException naming the file when it cannot be read, parsed or written (delete it to get a
     *                              new id)
     */
    public synchronized UUID processId() {
        requireLocked();
        Path file = appDir.resolve(PROCESS_FILE_NAME);
        try {
            if (Files.exists(file)) {
                ProcessFile read = JSON.readValue(file.toFile(), ProcessFile.class);
                if (read.processId() == null) {
                    throw new IOException("no processId");
                }
                return read.processId();
            }
            UUID created = UUID.randomUUID();
            Path temp = appDir.resolve(PROCESS_FILE_NAME + ".tmp");
            JSON.writeValue(temp.toFile(), new ProcessFile(created));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the process id file " + file + ": " + e.getMessage()
                + "; delete it to give this instance a new id", e);
        }
    }

    /** The content of {@value #PROCESS_FILE_NAME}; unknown fields (a later version's) are ignored. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    private record ProcessFile(@JsonProperty("processId") UUID processId) {
    }

    /**
     * The directory of {@code task} (created if missing), marked in use by {@code owner} until its
     * {@link #releaseTaskDir}: the cleaner leaves it alone meanwhile. {@code null} when another owner uses it: retry
     * once that one released it (it is closing the task's stores). An owner may acquire a directory again (a
     * standby and its promotion), each acquisition released once.
     *
     * @throws IllegalStateException when the lock is not held
     */
    public synchronized Path tryAcquireTaskDir(TaskId task, String owner) {
        Holder holder = inUse.get(task);
        if (holder != null && !holder.owner().equals(owner)) {
            return null;
        }
        Path dir = taskDir(task);
        inUse.put(task, new Holder(owner, holder == null ? 1 : holder.count() + 1));
        return dir;
    }

    /** The owner using {@code task}'s directory now, or {@code null}: for messages. */
    public synchronized String ownerOf(TaskId task) {
        Holder holder = inUse.get(task);
        return holder == null ? null : holder.owner();
    }

    /** Ends one {@link #tryAcquireTaskDir} of {@code task}: its stores are closed and its checkpoint written. */
    public synchronized void releaseTaskDir(TaskId task) {
        inUse.computeIfPresent(task, (id, holder) -> holder.count() == 1 ? null
            : new Holder(holder.owner(), holder.count() - 1));
    }

    /**
     * The directory of {@code task}, created if missing.
     *
     * @throws IllegalStateException when the lock is not held
     */
    public Path taskDir(TaskId task) {
        requireLocked();
        Path dir = appDir.resolve(task.toString());
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory " + dir + " of task " + task + ": "
                + e.getMessage(), e);
        }
    }

    /** The checkpoint file of {@code task} (its directory is created if missing). */
    public OffsetCheckpoint checkpoint(TaskId task) {
        return OffsetCheckpoint.in(taskDir(task));
    }

    /** The tasks that have a directory here, from this or an earlier run. */
    public Set<TaskId> tasksOnDisk() {
        Set<TaskId> tasks = new TreeSet<>();
        if (!Files.isDirectory(appDir)) {
            return tasks;
        }
        try (Stream<Path> children = Files.list(appDir)) {
            children.filter(Files::isDirectory).forEach(child -> {
                try {
                    tasks.add(TaskId.parse(child.getFileName().toString()));
                } catch (TaskIdFormatException e) {
                    // Not a task directory (something a user or a tool put there): not ours to interpret.
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the state directory " + appDir + ": " + e.getMessage(), e);
        }
        return tasks;
    }

    /**
     * For every task on disk with a checkpoint, the sum of its checkpointed changelog offsets: how much state it
     * holds, which the assignor uses to keep a stateful task where its state is. Tasks without one are absent.
     */
    public Map<TaskId, Long> checkpointedOffsetSums() {
        Map<TaskId, Long> sums = new TreeMap<>();
        for (TaskId task : tasksOnDisk()) {
            Path file = appDir.resolve(task.toString()).resolve(OffsetCheckpoint.FILE_NAME);
            if (Files.exists(file)) {
                sums.put(task, new OffsetCheckpoint(file).read().values().stream().mapToLong(Long::longValue).sum());
            }
        }
        return sums;
    }

    /**
     * Deletes the directories of the tasks on disk that are not in use here ({@link #tryAcquireTaskDir}) and were not
     * modified for {@code cleanupDelayMs} ({@code state.cleanup.delay.ms}): their state moved to other instances,
     * and a stale copy only costs disk. The delay keeps a directory whose task may come back soon (a rolling
     * restart); writing a checkpoint modifies the directory.
     *
     * @return the tasks whose directories were deleted
     * @throws IllegalStateException when the lock is not held
     */
    public synchronized List<TaskId> cleanUnowned(long cleanupDelayMs, long nowMs) {
        requireLocked();
        List<TaskId> deleted = new ArrayList<>();
        for (TaskId task : tasksOnDisk()) {
            Path dir = appDir.resolve(task.toString());
            if (inUse.containsKey(task) || nowMs - lastModifiedMs(dir) < cleanupDelayMs) {
                continue;
            }
            deleteRecursively(dir);
            LOG.info("Deleted the state directory {} of task {}, unowned for at least {} ms", dir, task,
                cleanupDelayMs);
            deleted.add(task);
        }
        return deleted;
    }

    private static long lastModifiedMs(Path dir) {
        try {
            return Files.getLastModifiedTime(dir).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the modification time of " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the task directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private synchronized void requireLocked() {
        if (lock == null) {
            throw new IllegalStateException("The state directory " + appDir + " is not locked by this instance: "
                + "call lock() first");
        }
    }

    /** Releases the lock; the directory and its content stay. */
    @Override
    public synchronized void close() {
        if (lock == null) {
            return;
        }
        try {
            lock.release();
        } catch (IOException e) {
            LOG.warn("Cannot release the lock on the state directory {}: {}", appDir, e.getMessage());
        } finally {
            closeQuietly(lockChannel);
            LOCKED_IN_THIS_JVM.remove(lockKey);
            lock = null;
            lockChannel = null;
            lockKey = null;
        }
    }

    private void closeQuietly(FileChannel channel) {
        try {
            channel.close(); // also releases a lock still held through it
        } catch (IOException e) {
            LOG.warn("Cannot close the lock file of the state directory {}: {}", appDir, e.getMessage());
        }
    }
}
