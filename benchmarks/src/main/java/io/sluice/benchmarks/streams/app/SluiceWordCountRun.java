package io.sluice.benchmarks.streams.app;

import io.sluice.benchmarks.streams.StateDirs;
import io.sluice.benchmarks.streams.StoreType;
import io.sluice.benchmarks.streams.sluice.WordCountTopology;
import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.streams.StreamsApp;
import io.sluice.streams.processor.StateRestoreListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;

/**
 * Sluice: {@link StreamsApp} running the Sluice twin of {@link WordCountTopology}. Without {@code bootstrap} the app
 * has no {@code bootstrap.servers} and runs its embedded broker in this JVM (data under
 * {@code state.dir/<application.id>/broker}); the input is pre-loaded into that same directory by an
 * {@link EmbeddedBroker} started and closed before the app starts, so the app finds it as if produced earlier. With
 * {@code bootstrap} it runs against that broker (a Sluice broker in its own process, {@code SluiceBrokerMain}).
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.streams.app.SluiceWordCountRun [bootstrap=localhost:9092]
 *     lines=1000000 [extra=10000] [commit.interval.ms=N] [timeout.s=600] [system=sluice]</pre>
 *
 * <p>Threading: single-threaded driver (see {@link EndToEndRun}).
 */
public final class SluiceWordCountRun extends EndToEndRun {
    /** Null: the app's embedded broker. */
    private final String bootstrap;
    private EmbeddedBroker preloadBroker;
    private StreamsApp app;
    private CountDownLatch running;

    private SluiceWordCountRun(String system, String bootstrap, int lines, int extra, Long commitIntervalMs,
                               Duration timeout) {
        super(system, lines, extra, commitIntervalMs, timeout);
        this.bootstrap = bootstrap;
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> a = parseArgs(args);
        new SluiceWordCountRun(a.getOrDefault("system", "sluice"), a.get("bootstrap"),
            Integer.parseInt(a.get("lines")), Integer.parseInt(a.getOrDefault("extra", "10000")),
            a.containsKey("commit.interval.ms") ? Long.valueOf(a.get("commit.interval.ms")) : null,
            Duration.ofSeconds(Long.parseLong(a.getOrDefault("timeout.s", "600")))).run();
    }

    private Path appDir() {
        return stateDir.resolve(APPLICATION_ID);
    }

    @Override
    protected String preloadBootstrap() {
        if (bootstrap != null) {
            return bootstrap;
        }
        preloadBroker = EmbeddedBroker.start(appDir().resolve("broker"), 0, Map.of());
        return preloadBroker.bootstrapServers();
    }

    @Override
    protected void preloadDone() {
        if (preloadBroker != null) {
            preloadBroker.close();
            preloadBroker = null;
        }
    }

    @Override
    protected void startApp(Properties props, RestoreRecorder restores) {
        if (bootstrap != null) {
            props.put("bootstrap.servers", bootstrap);
        }
        app = new StreamsApp(WordCountTopology.build(StoreType.ROCKSDB), props);
        running = new CountDownLatch(1);
        CountDownLatch latch = running;
        app.setStateListener((newState, oldState) -> {
            if (newState == StreamsApp.State.RUNNING) {
                latch.countDown();
            }
        });
        app.setGlobalStateRestoreListener(new StateRestoreListener() {
            @Override
            public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
                restores.started();
            }

            @Override
            public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long restored) {
                restores.batch(restored);
            }

            @Override
            public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
                restores.ended();
            }
        });
        app.start();
    }

    @Override
    protected String appBootstrap() {
        return app.bootstrapServers();
    }

    @Override
    protected void awaitRunning(Duration timeout) throws InterruptedException {
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Sluice app " + APPLICATION_ID + " not RUNNING after " + timeout
                + " (state " + app.state() + ")");
        }
    }

    @Override
    protected void closeApp() {
        app.close();
    }

    /** The task directories ({@code <subtopology>_<partition>}); the embedded broker's data stays. */
    @Override
    protected void deleteLocalState() {
        try (Stream<Path> children = Files.list(appDir())) {
            children.filter(dir -> dir.getFileName().toString().matches("\\d+_\\d+")).forEach(StateDirs::delete);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the state directory " + appDir(), e);
        }
    }
}
