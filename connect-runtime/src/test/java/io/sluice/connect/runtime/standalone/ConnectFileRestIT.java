package io.sluice.connect.runtime.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.connect.runtime.Await;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Apache Kafka's connect-file 4.3.1 jar, unmodified, on the {@code plugin.path} of a real standalone worker (embedded
 * broker, REST API), deployed the way Kafka's quickstart does it: {@code POST /connectors} with the standard
 * {@code connect-file-source} / {@code connect-file-sink} example configs and the standard worker converters.
 */
class ConnectFileRestIT {

    /** Laid out by the build (maven-dependency-plugin, generate-test-resources). */
    private static final Path PLUGIN_PATH = Path.of("target", "plugins").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void fileStreamSourceAndSinkDeployedOverRestCopyEveryLineInOrder() throws IOException {
        assertThat(PLUGIN_PATH.resolve("connect-file/connect-file-4.3.1.jar")).isRegularFile();
        // Fewer lines than FileStreamSource's batch.size (2000), which otherwise keeps the tail of its read buffer
        // until more bytes arrive.
        List<String> lines = IntStream.rangeClosed(1, 500).mapToObj(i -> "line " + i).toList();
        Path input = dir.resolve("test.txt");
        Path output = dir.resolve("test.sink.txt");
        Files.write(input, lines, StandardCharsets.UTF_8);
        // connect-standalone.properties as Kafka ships it, minus bootstrap.servers: the embedded broker serves.
        Map<String, String> worker = Map.of(
            "embedded.broker.data.dir", dir.resolve("broker").toString(),
            "listeners", "http://localhost:0",
            "key.converter", "org.apache.kafka.connect.json.JsonConverter",
            "value.converter", "org.apache.kafka.connect.json.JsonConverter",
            "key.converter.schemas.enable", "true",
            "value.converter.schemas.enable", "true",
            "offset.storage.file.filename", dir.resolve("connect.offsets").toString(),
            "offset.flush.interval.ms", "10000",
            "plugin.path", PLUGIN_PATH.toString());

        try (ConnectStandalone connect = new ConnectStandalone(worker, List.of())) {
            connect.start();
            RestTestClient rest = new RestTestClient(connect.restUrl());

            assertThat(create(rest, "local-file-source", Map.of("connector.class", "FileStreamSource",
                "tasks.max", "1", "file", input.toString(), "topic", "connect-test"))).isEqualTo(201);
            assertThat(create(rest, "local-file-sink", Map.of("connector.class", "FileStreamSink",
                "tasks.max", "1", "file", output.toString(), "topics", "connect-test"))).isEqualTo(201);

            Await.until("all " + lines.size() + " lines in " + output, () -> lineCount(output) >= lines.size());
            assertThat(Files.readAllLines(output, StandardCharsets.UTF_8)).containsExactlyElementsOf(lines);
            for (String connector : List.of("local-file-source", "local-file-sink")) {
                JsonNode status = rest.get("/connectors/" + connector + "/status").json();
                assertThat(status.path("connector").path("state").asText()).as(connector).isEqualTo("RUNNING");
                assertThat(status.path("tasks").path(0).path("state").asText()).as(connector).isEqualTo("RUNNING");
            }
            JsonNode plugins = rest.get("/connector-plugins").json();
            assertThat(plugins).contains(
                plugin("org.apache.kafka.connect.file.FileStreamSourceConnector", "source"),
                plugin("org.apache.kafka.connect.file.FileStreamSinkConnector", "sink"));
        }
    }

    private static int create(RestTestClient rest, String name, Map<String, String> config) {
        return rest.send("POST", "/connectors", RestTestClient.json(Map.of("name", name, "config", config))).status();
    }

    private static JsonNode plugin(String className, String type) {
        return RestTestClient.tree(Map.of("class", className, "type", type, "version", "4.3.1"));
    }

    /** Complete lines only: the sink may be caught mid-write. */
    private static long lineCount(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).chars().filter(c -> c == '\n')
                .count() : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
