package io.sluice.connect.file;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSinkTaskTest {

    @TempDir
    Path dir;

    @Test
    void shouldWriteEachValueAsATextLineAndAppendAfterARestart() throws IOException {
        Path file = dir.resolve("out/values.txt");
        Map<String, String> config = Map.of("file", file.toString());

        FileSinkTask task = startedTask(config);
        task.put(List.of(record(0, null, "alpha"), record(1, null, 42)));
        task.preCommit(Map.of());
        task.stop();
        FileSinkTask restarted = startedTask(config);
        restarted.put(List.of(record(2, null, null)));
        restarted.stop();

        assertThat(Files.readAllLines(file, UTF_8)).containsExactly("alpha", "42", "null");
    }

    @Test
    void shouldReturnTheOffsetsFromPreCommitOnlyWithTheirLinesInTheFile() throws IOException {
        Path file = dir.resolve("values.txt");
        FileSinkTask task = startedTask(Map.of("file", file.toString(), "fsync", "true"));
        task.put(List.of(record(0, null, "one"), record(1, null, "two")));
        Map<TopicPartition, OffsetAndMetadata> offsets =
            Map.of(new TopicPartition("clicks", 3), new OffsetAndMetadata(2));

        Map<TopicPartition, OffsetAndMetadata> committable = task.preCommit(offsets);

        assertThat(committable).isEqualTo(offsets);
        assertThat(Files.readAllLines(file, UTF_8)).containsExactly("one", "two");
        task.stop();
    }

    @Test
    void shouldWriteJsonLinesWithStructsAndMapsAsObjects() throws IOException {
        Schema address = SchemaBuilder.struct().name("Address").field("city", Schema.STRING_SCHEMA).build();
        Schema user = SchemaBuilder.struct().name("User")
            .field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("address", address)
            .field("tags", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
            .field("score", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("raw", Schema.OPTIONAL_BYTES_SCHEMA)
            .build();
        Struct value = new Struct(user).put("id", 7L).put("name", "Zoë \"Z\"\n\\")
            .put("address", new Struct(address).put("city", "Oslo"))
            .put("tags", List.of("a", "b")).put("score", Double.NaN).put("raw", new byte[] {1, 2, 3});
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("n", 1.5);
        map.put("nested", Map.of("ok", true));
        map.put("none", null);
        Path file = dir.resolve("records.jsonl");
        FileSinkTask task = startedTask(Map.of("file", file.toString(), "format", "json"));

        task.put(List.of(record(5, "user-7", value), record(6, null, map), record(7, "gone", null)));
        task.stop();

        assertThat(Files.readAllLines(file, UTF_8)).containsExactly(
            "{\"topic\":\"clicks\",\"partition\":3,\"offset\":5,\"timestamp\":1700000000000,\"key\":\"user-7\","
                + "\"value\":{\"id\":7,\"name\":\"Zoë \\\"Z\\\"\\n\\\\\",\"address\":{\"city\":\"Oslo\"},"
                + "\"tags\":[\"a\",\"b\"],\"score\":\"NaN\",\"raw\":\"AQID\"}}",
            "{\"topic\":\"clicks\",\"partition\":3,\"offset\":6,\"timestamp\":1700000000000,\"key\":null,"
                + "\"value\":{\"n\":1.5,\"nested\":{\"ok\":true},\"none\":null}}",
            "{\"topic\":\"clicks\",\"partition\":3,\"offset\":7,\"timestamp\":1700000000000,\"key\":\"gone\","
                + "\"value\":null}");
    }

    @Test
    void shouldEscapeControlCharactersAsUnicodeInJson() {
        StringBuilder out = new StringBuilder();
        JsonRenderer.renderString("a\u0001\tb", out);
        assertThat(out).hasToString("\"a\\u0001\\tb\"");
    }

    @Test
    void shouldRunOneTaskWhateverTasksMaxSoLinesNeverInterleave() {
        FileSinkConnector connector = new FileSinkConnector();
        connector.start(Map.of("file", dir.resolve("x").toString(), "topics", "clicks"));

        assertThat(connector.taskConfigs(4)).singleElement()
            .satisfies(config -> assertThat(config).containsEntry("topics", "clicks"));
    }

    private static FileSinkTask startedTask(Map<String, String> config) {
        FileSinkTask task = new FileSinkTask();
        task.start(config);
        return task;
    }

    private static SinkRecord record(long offset, String key, Object value) {
        return new SinkRecord("clicks", 3, key == null ? null : Schema.STRING_SCHEMA, key, null, value, offset,
            1_700_000_000_000L, TimestampType.CREATE_TIME);
    }
}
