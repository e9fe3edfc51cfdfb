package io.sluice.benchmarks.streams.app;

import io.sluice.benchmarks.streams.StateDirs;
import io.sluice.benchmarks.streams.StoreType;
import io.sluice.benchmarks.streams.kafka.WordCountTopology;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.StateRestoreListener;

/**
 * The baseline: Kafka Streams 4.3.1 ({@link KafkaStreams}) running {@link WordCountTopology} against the Apache Kafka
 * broker at {@code bootstrap} (started by {@code run-streams-app.sh}).
 *
 * <pre>java -cp benchmarks.jar io.sluice.benchmarks.streams.app.KafkaWordCountRun bootstrap=localhost:9092
 *     lines=1000000 [extra=10000] [commit.interval.ms=N] [timeout.s=600]</pre>
 *
 * <p>Threading: single-threaded driver (see {@link EndToEndRun}).
 */
public final class KafkaWordCountRun extends EndToEndRun {
    private final String bootstrap;
    private KafkaStreams app;
    private CountDownLatch running;

    private KafkaWordCountRun(String bootstrap, int lines, int extra, Long commitIntervalMs, Duration timeout) {
        super("kafka", lines, extra, commitIntervalMs, timeout);
        this.bootstrap = bootstrap;
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> a = parseArgs(args);
        new KafkaWordCountRun(a.get("bootstrap"), Integer.parseInt(a.get("lines")),
            Integer.parseInt(a.getOrDefault("extra", "10000")),
            a.containsKey("commit.interval.ms") ? Long.valueOf(a.get("commit.interval.ms")) : null,
            Duration.ofSeconds(Long.parseLong(a.getOrDefault("timeout.s", "600")))).run();
    }

    @Override
    protected String preloadBootstrap() {
        return bootstrap;
    }

    @Override
    protected void preloadDone() {
    }

    @Override
    protected void startApp(Properties props, RestoreRecorder restores) {
        props.put("bootstrap.servers", bootstrap);
        app = new KafkaStreams(WordCountTopology.build(StoreType.ROCKSDB), props);
        running = new CountDownLatch(1);
        CountDownLatch latch = running;
        app.setStateListener((newState, oldState) -> {
            if (newState == KafkaStreams.State.RUNNING) {
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
        return bootstrap;
    }

    @Override
    protected void awaitRunning(Duration timeout) throws InterruptedException {
        if (!running.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Kafka Streams app " + APPLICATION_ID + " not RUNNING after " + timeout
                + " (state " + app.state() + ")");
        }
    }

    @Override
    protected void closeApp() {
        // Kafka Streams stays in the group on a plain close(): the restart would wait session.timeout.ms (45 s).
        app.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }

    @Override
    protected void deleteLocalState() {
        StateDirs.delete(stateDir.resolve(APPLICATION_ID));
    }
}
