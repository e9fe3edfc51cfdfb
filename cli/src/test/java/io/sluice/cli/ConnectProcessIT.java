package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice connect standalone worker.properties connector.json} as a real child JVM, the way an operator runs it:
 * no {@code bootstrap.servers} (so an embedded broker), Sluice's own file source found on the class path without
 * {@code plugin.path}; it prints its REST URL, the REST API answers, the connector delivers, SIGTERM stops it cleanly,
 * and a restart resumes from the stored source offsets with no line lost or repeated.
 */
class ConnectProcessIT {
    private static final Pattern READY = Pattern.compile(
        "Sluice Connect \\(standalone\\) ready in \\d+ ms: REST API (\\S+), bootstrap\\.servers=(\\S+)");
    private static final String TOPIC = "cli-lines";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final List<ChildJvm> started = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void killLeftovers() {
        started.forEach(ChildJvm::kill);
    }

    @Test
    void standaloneWorkerServesRestRunsItsConnectorStopsOnSigtermAndResumesAfterARestart() throws Exception {
        Path input = dir.resolve("input.txt");
        Files.write(input, lines(1, 50), StandardCharsets.UTF_8);
        Path worker = dir.resolve("worker.properties");
        Files.writeString(worker, String.join("\n",
            "embedded.broker.data.dir=" + dir.resolve("broker"),
            "listeners=http://localhost:0",
            "offset.storage.file.filename=" + dir.resolve("connect.offsets"),
            "value.converter=org.apache.kafka.connect.storage.StringConverter"), StandardCharsets.UTF_8);
        Path connector = dir.resolve("lines.json");
        Files.writeString(connector, """
            {"name": "lines", "config": {
              "connector.class": "io.sluice.connect.file.FileSourceConnector",
              "tasks.max": "1", "file": "%s", "topic": "%s", "poll.interval.ms": "100"}}
            """.formatted(input.toString().replace("\\", "\\\\"), TOPIC), StandardCharsets.UTF_8);

        ChildJvm first = startConnect(worker, connector, "first");
        Matcher ready = first.awaitLine(READY);
        URI rest = URI.create(ready.group(1));
        String bootstrap = ready.group(2);

        assertThat(get(rest, "/connectors")).containsExactly(JSON.readTree("\"lines\""));
        awaitConnectorAndTaskRunning(rest);
        assertThat(readTopic(bootstrap, 50)).containsExactlyElementsOf(lines(1, 50));
        assertThat(first.stopWithSigterm()).as("exit status after SIGTERM; stderr: %s", first.stderr()).isZero();
        assertThat(first.stdout()).contains("Sluice Connect stopped cleanly.");

        Files.write(input, lines(51, 80), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        ChildJvm second = startConnect(worker, connector, "second");
        Matcher restarted = second.awaitLine(READY);
        awaitConnectorAndTaskRunning(URI.create(restarted.group(1)));

        assertThat(readTopic(restarted.group(2), 80)).as("every line once, in order").containsExactlyElementsOf(
            lines(1, 80));
        assertThat(second.stopWithSigterm()).as("stderr: %s", second.stderr()).isZero();
    }

    private ChildJvm startConnect(Path worker, Path connector, String name) throws IOException {
        ChildJvm child = ChildJvm.start(dir, name, "connect", "standalone", worker.toString(), connector.toString());
        started.add(child);
        return child;
    }

    private static List<String> lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).toList();
    }

    private JsonNode get(URI rest, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(rest.resolve(path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void awaitConnectorAndTaskRunning(URI rest) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        JsonNode status = get(rest, "/connectors/lines/status");
        while (!("RUNNING".equals(status.path("connector").path("state").asText())
            && "RUNNING".equals(status.path("tasks").path(0).path("state").asText()))) {
            assertThat(System.nanoTime()).as("connector and task RUNNING; last status %s", status)
                .isLessThan(deadline);
            Thread.sleep(50);
            status = get(rest, "/connectors/lines/status");
        }
    }

    /**
     * Reads the topic from the start until {@code expected} records arrived, then a little longer so that a duplicate
     * after them would be seen too (the caller asserts the exact list).
     */
    private static List<String> readTopic(String bootstrap, int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
            }
            consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
        }
        return values;
    }
}
