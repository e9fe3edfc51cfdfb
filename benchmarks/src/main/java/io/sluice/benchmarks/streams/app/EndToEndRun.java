package io.sluice.benchmarks.streams.app;

import io.sluice.benchmarks.streams.StateDirs;
import io.sluice.benchmarks.streams.StreamsBenchData;
import io.sluice.benchmarks.streams.kafka.WordCountTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * One system's end-to-end word count, the same steps for Kafka Streams and Sluice (the subclasses only start and
 * stop their library's app):
 * <ol>
 *   <li><b>Pre-load</b>: create the input and output topics ({@value #PARTITIONS} partitions) and produce
 *   {@code lines} lines into the input (producer records/s reported, not part of the score).</li>
 *   <li><b>Process</b>: start the app (1 stream thread, RocksDB store, the library's default commit interval unless
 *   {@code commitIntervalMs} is set) and time from {@code start()} until the counts topic holds every word's final
 *   count → lines/s and words/s.</li>
 *   <li><b>Restore</b>: read the store's changelog size, close the app, delete its task directories (the local
 *   state), start it again and time until it is RUNNING and its {@code StateRestoreListener} saw every restore end → MB/s (changelog payload) and records/s; then
 *   produce {@code extraLines} more lines and check that the counts continue from the restored ones (a restore that
 *   recomputed nothing fails this check, and its figures are then meaningless).</li>
 * </ol>
 * Every figure goes to stdout through {@link Results}.
 *
 * <p>Threading: single-threaded driver; the app runs on its own threads.
 */
public abstract class EndToEndRun {
    static final int PARTITIONS = 4;
    static final String APPLICATION_ID = "wordcount-e2e";
    static final String CHANGELOG = APPLICATION_ID + "-" + WordCountTopology.STORE + "-changelog";

    /** What each step may take before the run fails. */
    private final Duration timeout;
    private final int lines;
    private final int extraLines;
    private final Long commitIntervalMs;
    protected final Path stateDir;
    protected final Results results;

    /**
     * @param commitIntervalMs {@code commit.interval.ms}, or null for the library's default
     */
    protected EndToEndRun(String system, int lines, int extraLines, Long commitIntervalMs, Duration timeout) {
        this.results = new Results(system);
        this.lines = lines;
        this.extraLines = extraLines;
        this.commitIntervalMs = commitIntervalMs;
        this.timeout = timeout;
        this.stateDir = StateDirs.create("e2e-" + system);
    }

    /** The broker to pre-load into, started if the system needs that done first. */
    protected abstract String preloadBootstrap();

    /** Called once the input is loaded, before the first {@link #startApp}. */
    protected abstract void preloadDone();

    /** Starts the app on the word-count topology with these properties, telling its restores to a recorder. */
    protected abstract void startApp(Properties props, RestoreRecorder restores);

    /** Where the running app's clients connect. */
    protected abstract String appBootstrap();

    /** Waits until the app reports RUNNING. */
    protected abstract void awaitRunning(Duration timeout) throws InterruptedException;

    /**
     * Closes the app and waits for it; the app leaves its consumer group, so the restart is not held up by the
     * broker waiting out the old member's session (what a deliberate restart does).
     */
    protected abstract void closeApp();

    /** Deletes the app's local state (the task directories), keeping anything else under the state dir. */
    protected abstract void deleteLocalState();

    public final void run() throws InterruptedException {
        try {
            WordCountLoad load = WordCountLoad.generate(lines + extraLines);
            String bootstrap = preloadBootstrap();
            WordCountLoad.createTopics(bootstrap, PARTITIONS, WordCountTopology.INPUT, WordCountTopology.OUTPUT);
            results.put("preload.records_per_s", load.produce(bootstrap, WordCountTopology.INPUT, 0, lines));
            preloadDone();

            ChangelogSize changelog = process(load);
            restore(load, changelog);
        } finally {
            StateDirs.delete(stateDir);
        }
    }

    private ChangelogSize process(WordCountLoad load) {
        long start = System.nanoTime();
        startApp(props(), new RestoreRecorder());
        try (CountsWatcher watcher = new CountsWatcher(appBootstrap(), WordCountTopology.OUTPUT, false)) {
            long end = watcher.awaitCounts(load.expectedCounts(lines), Map.of(), timeout);
            double seconds = (end - start) / 1e9;
            results.put("process.s", seconds);
            results.put("process.lines_per_s", lines / seconds);
            results.put("process.words_per_s", (double) lines * StreamsBenchData.WORDS_PER_LINE / seconds);
            ChangelogSize changelog = ChangelogSize.read(appBootstrap(), CHANGELOG);
            results.put("changelog.records", changelog.records());
            results.put("changelog.bytes", changelog.bytes());
            return changelog;
        } finally {
            closeApp();
        }
    }

    private void restore(WordCountLoad load, ChangelogSize changelog) throws InterruptedException {
        deleteLocalState();
        RestoreRecorder restores = new RestoreRecorder();
        long start = System.nanoTime();
        startApp(props(), restores);
        try {
            awaitRunning(timeout);
            long end = Math.max(System.nanoTime(), restores.awaitRestored(changelog.records(), timeout.toMillis()));
            double seconds = (end - start) / 1e9;
            results.put("restore.s", seconds);
            results.put("restore.mb_per_s", changelog.bytes() / 1e6 / seconds);
            results.put("restore.records_per_s", changelog.records() / seconds);
            // The restore proper, without the group join before it: what the library's listener saw.
            double listenerSeconds = restores.listenerSeconds();
            results.put("restore.listener_records", restores.restoredRecords());
            results.put("restore.listener_s", listenerSeconds);
            results.put("restore.listener_mb_per_s", changelog.bytes() / 1e6 / listenerSeconds);
            results.put("restore.listener_records_per_s", restores.restoredRecords() / listenerSeconds);
            try (CountsWatcher watcher = new CountsWatcher(appBootstrap(), WordCountTopology.OUTPUT, true)) {
                load.produce(appBootstrap(), WordCountTopology.INPUT, lines, lines + extraLines);
                watcher.awaitCounts(load.expectedUpdates(lines, lines + extraLines), load.expectedCounts(lines),
                    timeout);
                results.put("restore.counts_continue", "yes");
            } catch (IllegalStateException e) {
                results.put("restore.counts_continue", "no");
                System.err.println("Counts did not continue after the restore: " + e.getMessage());
            }
        } finally {
            closeApp();
        }
    }

    private Properties props() {
        Properties props = new Properties();
        props.put("application.id", APPLICATION_ID);
        props.put("state.dir", stateDir.toString());
        props.put("num.stream.threads", "1");
        if (commitIntervalMs != null) {
            props.put("commit.interval.ms", commitIntervalMs.toString());
        }
        return props;
    }

    /** The drivers' arguments, {@code key=value} each. */
    protected static Map<String, String> parseArgs(String[] args) {
        Map<String, String> parsed = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("Expected key=value, got '" + arg + "'");
            }
            parsed.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return parsed;
    }
}
