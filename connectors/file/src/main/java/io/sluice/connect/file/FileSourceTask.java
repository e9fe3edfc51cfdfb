package io.sluice.connect.file;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tails the files of its share of a {@link FileSet} and turns each complete line into a record.
 *
 * <p>Ownership: a file belongs to the task whose {@code task.index} equals the file's absolute path hash modulo
 * {@code task.count}, so files matching the glob later are claimed without a reconfiguration, and no two tasks read
 * one file. Offsets: source partition {@code {"filename": absolute path}}, offset {@code {"position": byte after the
 * line, "line": line number}}; a file seen for the first time resumes from its stored offset, so a clean restart
 * neither loses nor repeats a line.
 *
 * <p>Threading: the worker calls {@link #poll()} on the task thread and may call {@link #stop()} from another; the
 * lock keeps {@code stop} from closing a file mid-read, and the stop latch ends a poll's idle wait at once.
 */
public final class FileSourceTask extends SourceTask {

    private static final Logger log = LoggerFactory.getLogger(FileSourceTask.class);
    static final String FILENAME_FIELD = "filename";
    static final String POSITION_FIELD = "position";
    static final String LINE_FIELD = "line";

    private final ReentrantLock lock = new ReentrantLock();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Map<Path, TailedFile> files = new LinkedHashMap<>();
    private FileSourceConfig config;
    private FileSet fileSet;
    private boolean keyedByFilename;
    private long nextScanNanos;
    private int nextFirstFile;
    private boolean reportedNoFiles;

    @Override
    public String version() {
        return PluginVersion.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = FileSourceConfig.forTask(props);
        fileSet = config.fileSet();
        keyedByFilename = config.keyMode() == FileSourceConfig.KeyMode.FILENAME;
        nextScanNanos = System.nanoTime();
        log.info("File source task {} of {} tails {} into topic {}", config.taskIndex(), config.taskCount(),
            fileSet, config.topic());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> records;
        lock.lock();
        try {
            if (stopped.getCount() == 0) {
                return null;
            }
            discoverFiles();
            records = readLines();
        } finally {
            lock.unlock();
        }
        if (records.isEmpty()) {
            // Nothing new: wait like a tail would, but leave at once when the task is stopped.
            stopped.await(config.pollIntervalMs(), TimeUnit.MILLISECONDS);
            return null;
        }
        return records;
    }

    @Override
    public void stop() {
        stopped.countDown();
        lock.lock();
        try {
            files.values().forEach(TailedFile::close);
            files.clear();
        } finally {
            lock.unlock();
        }
    }

    private void discoverFiles() {
        long now = System.nanoTime();
        if (now - nextScanNanos < 0) {
            return;
        }
        nextScanNanos = now + TimeUnit.MILLISECONDS.toNanos(config.pollIntervalMs());
        List<Path> owned = fileSet.scan().stream().filter(this::owns).filter(p -> !files.containsKey(p)).toList();
        for (Path path : owned) {
            files.put(path, resumeFromStoredOffset(path));
        }
        if (files.isEmpty() && !reportedNoFiles) {
            log.info("File source task {} of {}: no file matching {} yet; waiting for one", config.taskIndex(),
                config.taskCount(), fileSet);
            reportedNoFiles = true;
        }
    }

    private boolean owns(Path path) {
        return Math.floorMod(path.toString().hashCode(), config.taskCount()) == config.taskIndex();
    }

    private TailedFile resumeFromStoredOffset(Path path) {
        Map<String, Object> offset = context.offsetStorageReader().offset(partition(path));
        long position = offset == null ? 0 : offsetField(path, offset, POSITION_FIELD);
        long line = offset == null ? 0 : offsetField(path, offset, LINE_FIELD);
        log.info("Tailing {} from byte {} (after line {})", path, position, line);
        return new TailedFile(path, config.encoding(), position, line);
    }

    private static long offsetField(Path path, Map<String, Object> offset, String field) {
        if (offset.get(field) instanceof Number number && number.longValue() >= 0) {
            return number.longValue();
        }
        throw new ConnectException("Stored offset of " + path + " has no valid '" + field + "': " + offset);
    }

    /** Reads round-robin, starting one file further each poll, so a busy file cannot starve the others. */
    private List<SourceRecord> readLines() {
        List<SourceRecord> records = new ArrayList<>();
        List<TailedFile> order = new ArrayList<>(files.values());
        for (int i = 0; i < order.size() && records.size() < config.batchSize(); i++) {
            TailedFile file = order.get((nextFirstFile + i) % order.size());
            for (TailedFile.Line line : file.readLines(config.batchSize() - records.size())) {
                records.add(toRecord(file.path(), line));
            }
        }
        nextFirstFile = order.isEmpty() ? 0 : (nextFirstFile + 1) % order.size();
        return records;
    }

    private SourceRecord toRecord(Path path, TailedFile.Line line) {
        Map<String, Object> offset = Map.of(POSITION_FIELD, line.endPosition(), LINE_FIELD, line.lineNumber());
        return new SourceRecord(partition(path), offset, config.topic(), null,
            keyedByFilename ? Schema.STRING_SCHEMA : null, keyedByFilename ? path.toString() : null,
            Schema.STRING_SCHEMA, line.text());
    }

    static Map<String, String> partition(Path path) {
        return Map.of(FILENAME_FIELD, path.toString());
    }
}
