package io.sluice.connect.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.runtime.isolation.PluginClassLoader;
import io.sluice.connect.runtime.isolation.Plugins;
import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import io.sluice.connect.storage.FileOffsetBackingStore;
import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Kafka's own connect-file 4.3.1 jar, unmodified, loaded from {@code plugin.path} (the build copies it to
 * {@code target/plugins/connect-file}) and run by the {@link Worker} on an embedded broker with the connectors'
 * standard configs: FileStreamSource reads a file into a topic, FileStreamSink writes the topic to another file;
 * the source's offsets ({@code filename} -> {@code position}) survive a worker restart.
 */
class ConnectFileCompatibilityIT {

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path PLUGIN_PATH = Path.of("target", "plugins");
    private static final String SOURCE = "local-file-source";
    private static final String SINK = "local-file-sink";

    @TempDir
    Path dir;

    private final Map<String, Throwable> failures = new ConcurrentHashMap<>();

    @Test
    void shouldCopyAFileThroughATopicIntoAnotherFileWithEveryLineIntact(EmbeddedBroker broker) throws Exception {
        String topic = "connect-file-lines";
        // One partition, so the sink sees the lines in file order and the output can be compared line by line.
        broker.createTopic(topic, 1, Map.of());
        Path input = dir.resolve("input.txt");
        Path output = dir.resolve("output.txt");
        // Fewer lines than FileStreamSource's batch.size (2000): after returning a full batch it leaves the lines
        // still in its read buffer there until more bytes arrive, so an input ending mid-buffer would wait forever.
        List<String> lines = new ArrayList<>(IntStream.rangeClosed(1, 1_500).mapToObj(i -> "line " + i).toList());
        lines.addAll(List.of("ünïcödé ✓ and a tab\there", "  leading and trailing spaces  ", "{\"json\": [1, 2]}"));
        Files.write(input, lines, StandardCharsets.UTF_8);

        try (Worker worker = startWorker(broker)) {
            startFileConnectors(worker, input, output, topic);

            awaitWithFailures(() -> lineCount(output) >= lines.size(), "all " + lines.size() + " lines in " + output);
            assertThat(Files.readAllLines(output, StandardCharsets.UTF_8)).containsExactlyElementsOf(lines);

            // FileStreamSource tails its file: lines appended while it runs arrive too.
            Files.write(input, List.of("appended 1", "appended 2"), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            awaitWithFailures(() -> lineCount(output) >= lines.size() + 2, "the two appended lines in " + output);
            assertThat(Files.readAllLines(output, StandardCharsets.UTF_8))
                    .endsWith("appended 1", "appended 2").hasSize(lines.size() + 2);

            assertThat(worker.activeTopics(SOURCE)).containsExactly(topic);
            assertThat(worker.activeTopics(SINK)).containsExactly(topic);
            assertThat(worker.plugins().connectorLoader("FileStreamSource")).isInstanceOf(PluginClassLoader.class);
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void shouldResumeFromTheOffsetsItStoredAcrossAWorkerRestart(EmbeddedBroker broker) throws Exception {
        String topic = "connect-file-restart";
        broker.createTopic(topic, 1, Map.of());
        Path input = dir.resolve("input.txt");
        Path output = dir.resolve("output.txt");
        List<String> before = IntStream.rangeClosed(1, 100).mapToObj(i -> "before " + i).toList();
        List<String> after = IntStream.rangeClosed(1, 5).mapToObj(i -> "after " + i).toList();
        Files.write(input, before, StandardCharsets.UTF_8);
        try (Worker worker = startWorker(broker)) {
            startFileConnectors(worker, input, output, topic);
            awaitWithFailures(() -> lineCount(output) >= before.size(), "the first " + before.size() + " lines in " + output);
        }

        Files.write(input, after, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        try (Worker worker = startWorker(broker)) {
            startFileConnectors(worker, input, output, topic);
            awaitWithFailures(() -> lineCount(output) >= before.size() + after.size(), "the appended lines in " + output);
        }

        List<String> expected = new ArrayList<>(before);
        expected.addAll(after);
        assertThat(Files.readAllLines(output, StandardCharsets.UTF_8)).containsExactlyElementsOf(expected);
        assertThat(failures).isEmpty();
    }

    /** A worker with the connect-file jar on plugin.path, string converters and its offsets in a file under dir. */
    private Worker startWorker(EmbeddedBroker broker) {
        Path offsets = dir.resolve("offsets");
        WorkerConfig config = new WorkerConfig(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "key.converter", "org.apache.kafka.connect.storage.StringConverter",
                "value.converter", "org.apache.kafka.connect.storage.StringConverter",
                "offset.storage.file.filename", offsets.toString(),
                "offset.flush.interval.ms", "1000",
                "plugin.path", PLUGIN_PATH.toString()));
        Worker worker = new Worker("compat", config, new Plugins(config.pluginPath()),
                new FileOffsetBackingStore(offsets), new FailureRecorder());
        worker.start();
        return worker;
    }

    /** The two connectors with the configs of Kafka's connect-file-source/sink.properties, paths changed. */
    private void startFileConnectors(Worker worker, Path input, Path output, String topic) throws InterruptedException {
        startWithTasks(worker, Map.of("name", SOURCE, "connector.class", "FileStreamSource", "tasks.max", "1",
                "file", input.toString(), "topic", topic));
        startWithTasks(worker, Map.of("name", SINK, "connector.class", "FileStreamSink", "tasks.max", "1",
                "file", output.toString(), "topics", topic));
    }

    private void startWithTasks(Worker worker, Map<String, String> connectorConfig) throws InterruptedException {
        String name = connectorConfig.get("name");
        worker.startConnector(name, connectorConfig, Herder.TargetState.RUNNING, connector -> { });
        awaitWithFailures(() -> !worker.connectorTaskConfigs(name).isEmpty() || failures.containsKey(name),
                "task configs of " + name);
        assertThat(failures).isEmpty();
        List<Map<String, String>> taskConfigs = worker.connectorTaskConfigs(name);
        for (int i = 0; i < taskConfigs.size(); i++) {
            worker.startTask(new ConnectorTaskId(name, i), connectorConfig, taskConfigs.get(i),
                    Herder.TargetState.RUNNING);
        }
    }

    private static long lineCount(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).size() : 0;
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + file, e);
        }
    }

    /** Keeps every failure the worker reports, by connector or task, so the test can show and assert them. */
    private final class FailureRecorder implements StatusListener {
        @Override public void onStartup(String connector) { }
        @Override public void onPause(String connector) { }
        @Override public void onResume(String connector) { }
        @Override public void onStop(String connector) { }
        @Override public void onShutdown(String connector) { }
        @Override public void onStartup(ConnectorTaskId id) { }
        @Override public void onPause(ConnectorTaskId id) { }
        @Override public void onResume(ConnectorTaskId id) { }
        @Override public void onShutdown(ConnectorTaskId id) { }

        @Override
        public void onFailure(String connector, Throwable cause) {
            failures.put(connector, cause);
        }

        @Override
        public void onFailure(ConnectorTaskId id, Throwable cause) {
            failures.put(id.toString(), cause);
        }
    }

    private void awaitWithFailures(BooleanSupplier condition, String what) {
        Await.until(TIMEOUT, condition, () -> what + "; failures: " + failures);
    }
}
