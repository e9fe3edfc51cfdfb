package io.sluice.connect.runtime;

import static io.sluice.connect.runtime.WorkerFixture.values;
import static io.sluice.connect.runtime.WorkerSourceIT.header;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.runtime.rest.entities.ConnectorOffsets;
import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import io.sluice.connect.runtime.testplugins.RecordingSinkConnector;
import io.sluice.connect.runtime.testplugins.RecordingSinkTask;
import io.sluice.connect.storage.FileOffsetBackingStore;
import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Sink tasks on a real worker and broker: delivery, committed offsets across restarts, conversion and put errors. */
@ExtendWith(EmbeddedBrokerExtension.class)
class WorkerSinkIT {

    private static Map<String, String> sink(String name, String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("name", name);
        config.put("connector.class", RecordingSinkConnector.class.getName());
        config.put("topics", topic);
        return config;
    }

    private static List<String> numbered(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> prefix + i).toList();
    }

    private static long committed(WorkerFixture fixture, String name, Map<String, String> config) {
        ConnectorOffsets offsets = fixture.worker.offsets(name, config);
        return offsets.offsets().stream().mapToLong(o -> ((Number) o.offset().get("kafka_offset")).longValue())
            .sum();
    }

    @Test
    void sinkCommitsOffsetsAndResumesAfterARestartWithoutRedelivering(EmbeddedBroker broker, @TempDir Path dir)
        throws Exception {
        Map<String, String> config = sink("sink-restart", "sink-restart-in");
        try (WorkerFixture first = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")))) {
            first.produce("sink-restart-in", numbered("v", 0, 20));
            first.deploy(config);
            Await.until(WorkerFixture.TIMEOUT, () -> delivered("sink-restart").size() == 20, () -> "20 delivered");
            Await.until(WorkerFixture.TIMEOUT, () -> committed(first, "sink-restart", config) == 20,
                () -> "offset 20 committed");
        }
        assertThat(delivered("sink-restart")).containsExactlyElementsOf(numbered("v", 0, 20));
        RecordingSinkTask.delivered.remove("sink-restart");

        try (WorkerFixture second = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")))) {
            second.produce("sink-restart-in", numbered("v", 20, 30));
            second.deploy(config);
            Await.until(WorkerFixture.TIMEOUT, () -> committed(second, "sink-restart", config) == 30,
                () -> "offset 30 committed");
            assertThat(delivered("sink-restart")).containsExactlyElementsOf(numbered("v", 20, 30));
        }
    }

    @Test
    void converterFailureWithToleranceNoneFailsTheTaskWithItsTrace(EmbeddedBroker broker, @TempDir Path dir)
        throws Exception {
        try (WorkerFixture fixture = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")))) {
            fixture.produce("bad-json-in", List.of("{not json"));
            Map<String, String> config = sink("bad-json", "bad-json-in");
            config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            ConnectorTaskId task = fixture.deploy(config).get(0);

            fixture.awaitTaskState(task, "FAILED");
            assertThat(fixture.status.failures.get(task))
                .hasMessageContaining("Tolerance exceeded in error handler at stage VALUE_CONVERTER")
                .hasMessageContaining("bad-json-in");
        }
    }

    @Test
    void converterFailureWithToleranceAllGoesToTheDeadLetterQueueWithContextHeaders(EmbeddedBroker broker,
                                                                                   @TempDir Path dir)
        throws Exception {
        try (WorkerFixture fixture = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")))) {
            fixture.produce("mixed-json-in", List.of("{\"a\":1}", "{not json", "{\"a\":3}"));
            Map<String, String> config = sink("mixed-json", "mixed-json-in");
            config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            config.put("value.converter.schemas.enable", "false");
            config.put("errors.tolerance", "all");
            config.put("errors.log.enable", "true");
            config.put("errors.deadletterqueue.topic.name", "mixed-json-dead");
            config.put("errors.deadletterqueue.context.headers.enable", "true");
            fixture.deploy(config);

            Await.until(WorkerFixture.TIMEOUT, () -> delivered("mixed-json").size() == 2, () -> "2 delivered");
            List<ConsumerRecord<byte[], byte[]>> dead = fixture.read("mixed-json-dead", 1);

            assertThat(delivered("mixed-json")).containsExactly("{a=1}", "{a=3}");
            assertThat(values(dead)).containsExactly("{not json");
            ConsumerRecord<byte[], byte[]> record = dead.get(0);
            assertThat(header(record, "__connect.errors.topic")).isEqualTo("mixed-json-in");
            assertThat(header(record, "__connect.errors.partition")).isEqualTo("0");
            assertThat(header(record, "__connect.errors.offset")).isEqualTo("1");
            assertThat(header(record, "__connect.errors.connector.name")).isEqualTo("mixed-json");
            assertThat(header(record, "__connect.errors.task.id")).isEqualTo("0");
            assertThat(header(record, "__connect.errors.stage")).isEqualTo("VALUE_CONVERTER");
            assertThat(header(record, "__connect.errors.class.name"))
                .isEqualTo("org.apache.kafka.connect.json.JsonConverter");
            assertThat(header(record, "__connect.errors.exception.class.name"))
                .isEqualTo("org.apache.kafka.connect.errors.DataException");
            assertThat(header(record, "__connect.errors.exception.message")).isNotBlank();
            assertThat(header(record, "__connect.errors.exception.stacktrace"))
                .contains("org.apache.kafka.connect.errors.DataException");
        }
    }

    @Test
    void poisonRecordInPutWithToleranceAllGoesToTheDeadLetterQueueAndTheOthersAreDelivered(EmbeddedBroker broker,
                                                                                          @TempDir Path dir)
        throws Exception {
        try (WorkerFixture fixture = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")))) {
            fixture.produce("poison-in", numbered("p", 0, 10));
            Map<String, String> config = sink("poison", "poison-in");
            config.put("poison", "p4");
            config.put("errors.tolerance", "all");
            config.put("errors.deadletterqueue.topic.name", "poison-dead");
            config.put("errors.deadletterqueue.context.headers.enable", "true");
            ConnectorTaskId task = fixture.deploy(config).get(0);

            Await.until(WorkerFixture.TIMEOUT, () -> delivered("poison").size() == 9, () -> "9 delivered");
            List<ConsumerRecord<byte[], byte[]>> dead = fixture.read("poison-dead", 1);

            assertThat(delivered("poison")).containsExactlyElementsOf(numbered("p", 0, 10).stream()
                .filter(v -> !v.equals("p4")).toList());
            assertThat(values(dead)).containsExactly("p4");
            assertThat(header(dead.get(0), "__connect.errors.stage")).isEqualTo("TASK_PUT");
            assertThat(header(dead.get(0), "__connect.errors.offset")).isEqualTo("4");
            assertThat(header(dead.get(0), "__connect.errors.exception.message")).isEqualTo("destination rejected p4");
            assertThat(fixture.status.tasks.get(task)).isEqualTo("RUNNING");
            Await.until(WorkerFixture.TIMEOUT, () -> committed(fixture, "poison", config) == 10,
                () -> "offset 10 committed past the poison record");
        }
    }

    private static List<String> delivered(String connector) {
        return RecordingSinkTask.delivered.getOrDefault(connector, List.of());
    }
}
