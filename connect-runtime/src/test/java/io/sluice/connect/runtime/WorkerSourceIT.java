package io.sluice.connect.runtime;

import static io.sluice.connect.runtime.WorkerFixture.values;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.runtime.rest.entities.ConnectorTaskId;
import io.sluice.connect.runtime.testplugins.CountingSourceConnector;
import io.sluice.connect.runtime.testplugins.FailingTransform;
import io.sluice.connect.storage.FileOffsetBackingStore;
import io.sluice.connect.storage.KafkaOffsetBackingStore;
import io.sluice.connect.storage.OffsetBackingStore;
import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Source tasks on a real worker and broker: delivery, offsets across restarts, pause, failures, DLQ, retries. */
@ExtendWith(EmbeddedBrokerExtension.class)
class WorkerSourceIT {

    private static Map<String, String> source(String name, String topic, int count) {
        Map<String, String> config = new HashMap<>();
        config.put("name", name);
        config.put("connector.class", CountingSourceConnector.class.getName());
        config.put("topic", topic);
        config.put("count", String.valueOf(count));
        return config;
    }

    private static List<String> expected(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "record-" + i).toList();
    }

    @Test
    void sourceResumesFromFileOffsetsAcrossARestartWithNothingLostOrDuplicated(EmbeddedBroker broker,
                                                                              @TempDir Path dir) {
        Path offsets = dir.resolve("offsets.json");
        resumesAcrossRestart(broker, "file-resume", () -> new FileOffsetBackingStore(offsets));
    }

    @Test
    void sourceResumesFromTopicOffsetsAcrossARestartWithNothingLostOrDuplicated(EmbeddedBroker broker) {
        resumesAcrossRestart(broker, "topic-resume", () -> new KafkaOffsetBackingStore("test-offsets", 3, (short) -1,
            Map.of("bootstrap.servers", broker.bootstrapServers())));
    }

    private void resumesAcrossRestart(EmbeddedBroker broker, String name, Supplier<OffsetBackingStore> store) {
        String topic = name + "-out";
        try (WorkerFixture first = new WorkerFixture(broker, store.get())) {
            ConnectorTaskId task = first.deploy(source(name, topic, 50)).get(0);
            first.awaitTaskState(task, "RUNNING");
            assertThat(values(first.read(topic, 50))).containsExactlyElementsOf(expected(0, 50));
        }
        try (WorkerFixture second = new WorkerFixture(broker, store.get())) {
            second.deploy(source(name, topic, 80));
            assertThat(values(second.read(topic, 80))).containsExactlyElementsOf(expected(0, 80));
        }
    }

    @Test
    void pausedTaskStopsPollingAndResumes(EmbeddedBroker broker, @TempDir Path dir) {
        try (WorkerFixture fixture = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")))) {
            ConnectorTaskId task = fixture.deploy(source("pausing", "pausing-out", 30)).get(0);
            fixture.awaitTaskState(task, "RUNNING");
            fixture.worker.setTargetState("pausing", Herder.TargetState.PAUSED);
            fixture.awaitTaskState(task, "PAUSED");
            Await.until(WorkerFixture.TIMEOUT, () -> "PAUSED".equals(fixture.status.connectors.get("pausing")),
                () -> "connector paused");
            fixture.worker.setTargetState("pausing", Herder.TargetState.RUNNING);
            fixture.awaitTaskState(task, "RUNNING");
            assertThat(values(fixture.read("pausing-out", 30))).containsExactlyElementsOf(expected(0, 30));
        }
    }

    @Test
    void taskThrowingInStartIsFailedWithItsTraceWhileAnotherConnectorKeepsRunning(EmbeddedBroker broker,
                                                                                  @TempDir Path dir) {
        try (WorkerFixture fixture = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")))) {
            Map<String, String> broken = source("broken", "broken-out", 5);
            broken.put("fail.in.start", "true");
            ConnectorTaskId brokenTask = fixture.deploy(broken).get(0);
            fixture.deploy(source("healthy", "healthy-out", 20));

            fixture.awaitTaskState(brokenTask, "FAILED");
            assertThat(fixture.status.failures.get(brokenTask))
                .hasMessageContaining("start failed on purpose for broken");
            assertThat(values(fixture.read("healthy-out", 20))).containsExactlyElementsOf(expected(0, 20));
        }
    }

    @Test
    void sourceRecordFailingATransformGoesToTheDeadLetterQueueWithContextHeaders(EmbeddedBroker broker,
                                                                                @TempDir Path dir) {
        try (WorkerFixture fixture = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")))) {
            Map<String, String> config = source("src-dlq", "src-dlq-out", 10);
            config.put("transforms", "fail");
            config.put("transforms.fail.type", FailingTransform.class.getName());
            config.put("transforms.fail.fail.value", "record-3");
            config.put("errors.tolerance", "all");
            config.put("errors.deadletterqueue.topic.name", "src-dlq-dead");
            config.put("errors.deadletterqueue.context.headers.enable", "true");
            fixture.deploy(config);

            List<String> delivered = values(fixture.read("src-dlq-out", 9));
            List<ConsumerRecord<byte[], byte[]>> dead = fixture.read("src-dlq-dead", 1);

            assertThat(delivered).containsExactlyElementsOf(expected(0, 10).stream()
                .filter(v -> !v.equals("record-3")).toList());
            assertThat(values(dead)).containsExactly("record-3");
            assertThat(header(dead.get(0), "__connect.errors.stage")).isEqualTo("TRANSFORMATION");
            assertThat(header(dead.get(0), "__connect.errors.topic")).isEqualTo("src-dlq-out");
            assertThat(header(dead.get(0), "__connect.errors.class.name")).isEqualTo(FailingTransform.class.getName());
            assertThat(header(dead.get(0), "__connect.errors.exception.message")).isEqualTo("cannot transform record-3");
            assertThat(header(dead.get(0), "__connect.errors.connector.name")).isEqualTo("src-dlq");
            assertThat(header(dead.get(0), "__connect.errors.task.id")).isEqualTo("0");
        }
    }

    @Test
    void retriableTransformFailuresAreRetriedUntilTheySucceed(EmbeddedBroker broker, @TempDir Path dir) {
        FailingTransform.retriableThrown.set(0);
        try (WorkerFixture fixture = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")))) {
            Map<String, String> config = source("retrying", "retrying-out", 10);
            config.put("transforms", "flaky");
            config.put("transforms.flaky.type", FailingTransform.class.getName());
            config.put("transforms.flaky.retriable.failures", "2");
            config.put("errors.retry.timeout", "10000");
            config.put("errors.retry.delay.max.ms", "50");
            ConnectorTaskId task = fixture.deploy(config).get(0);

            assertThat(values(fixture.read("retrying-out", 10))).containsExactlyElementsOf(expected(0, 10));
            assertThat(FailingTransform.retriableThrown.get()).isEqualTo(2);
            assertThat(fixture.status.tasks.get(task)).isEqualTo("RUNNING");
        }
    }

    /**
     * A topic refusing batches over 1 KiB, and a source whose record 3 is 4 KiB: the broker rejects that send. The
     * large record goes to partition 1 and the others to partition 0, so it is alone in its producer batch.
     */
    private static Map<String, String> sourceWithRejectedRecord(WorkerFixture fixture, String name) throws Exception {
        fixture.createTopic(name + "-out", 2, Map.of("max.message.bytes", "1024"));
        Map<String, String> config = source(name, name + "-out", 10);
        config.put("large.position", "3");
        config.put("large.bytes", "4096");
        return config;
    }

    @Test
    void sendRejectedByTheBrokerIsSkippedAndReportedUnderToleranceAllAndOffsetsAdvancePastIt(EmbeddedBroker broker,
                                                                                           @TempDir Path dir)
        throws Exception {
        try (WorkerFixture fixture = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")))) {
            Map<String, String> config = sourceWithRejectedRecord(fixture, "too-large");
            config.put("errors.tolerance", "all");
            config.put("errors.deadletterqueue.topic.name", "too-large-dead");
            config.put("errors.deadletterqueue.context.headers.enable", "true");
            ConnectorTaskId task = fixture.deploy(config).get(0);

            List<String> delivered = values(fixture.read("too-large-out", 9));
            List<ConsumerRecord<byte[], byte[]>> dead = fixture.read("too-large-dead", 1);
            Await.until(WorkerFixture.TIMEOUT, () -> Map.of("position", 9L).equals(
                fixture.sourceOffset("too-large", config)), () -> "offset of record-9 stored, is "
                + fixture.sourceOffset("too-large", config));

            assertThat(delivered).containsExactlyElementsOf(expected(0, 10).stream()
                .filter(v -> !v.equals("record-3")).toList());
            assertThat(dead).hasSize(1);
            assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8)).startsWith("record-3xxx").hasSize(4096);
            assertThat(header(dead.get(0), "__connect.errors.stage")).isEqualTo("KAFKA_PRODUCE");
            assertThat(header(dead.get(0), "__connect.errors.topic")).isEqualTo("too-large-out");
            assertThat(header(dead.get(0), "__connect.errors.partition")).isEqualTo("1");
            assertThat(header(dead.get(0), "__connect.errors.exception.class.name"))
                .isEqualTo(RecordTooLargeException.class.getName());
            assertThat(fixture.status.tasks.get(task)).isEqualTo("RUNNING");
        }
    }

    @Test
    void sendRejectedByTheBrokerFailsTheTaskUnderToleranceNoneWithoutStoringItsOffset(EmbeddedBroker broker,
                                                                                    @TempDir Path dir)
        throws Exception {
        try (WorkerFixture fixture = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")))) {
            Map<String, String> config = sourceWithRejectedRecord(fixture, "too-large-none");
            ConnectorTaskId task = fixture.deploy(config).get(0);

            fixture.awaitTaskState(task, "FAILED");

            assertThat(fixture.status.failures.get(task))
                .hasMessageContaining("could not send a record to topic 'too-large-none-out'")
                .hasCauseInstanceOf(RecordTooLargeException.class);
            Map<String, Object> stored = fixture.sourceOffset("too-large-none", config);
            assertThat(stored == null ? -1L : ((Number) stored.get("position")).longValue()).isLessThan(3L);
        }
    }

    @Test
    void stopReturnsPromptlyWhileARetryBackoffOfSecondsIsPending(EmbeddedBroker broker, @TempDir Path dir) {
        FailingTransform.retriableThrown.set(0);
        Map<String, String> workerProps = Map.of("task.shutdown.graceful.timeout.ms", "2000");
        try (WorkerFixture fixture = new WorkerFixture(broker, new FileOffsetBackingStore(dir.resolve("o")),
            workerProps)) {
            Map<String, String> config = source("stuck", "stuck-out", 10);
            config.put("transforms", "flaky");
            config.put("transforms.flaky.type", FailingTransform.class.getName());
            config.put("transforms.flaky.retriable.failures", "1000");
            config.put("errors.retry.timeout", "-1");
            config.put("errors.retry.delay.max.ms", "60000");
            config.put("errors.tolerance", "all");
            ConnectorTaskId task = fixture.deploy(config).get(0);
            // Backoffs double from 300 ms: after the 4th failure the task waits 2.4 s, beyond the graceful timeout.
            Await.until(WorkerFixture.TIMEOUT, () -> FailingTransform.retriableThrown.get() >= 4,
                () -> "4 retriable failures, saw " + FailingTransform.retriableThrown.get());

            long startNs = System.nanoTime();
            fixture.worker.stopTask(task);
            long stopMs = (System.nanoTime() - startNs) / 1_000_000;

            assertThat(stopMs).isLessThan(1000);
            assertThat(fixture.status.tasks.get(task)).isEqualTo("UNASSIGNED");
            assertThat(FailingTransform.retriableThrown.get()).isEqualTo(4);
            assertThat(fixture.sourceOffset("stuck", config)).isNull();
        }
    }

    static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        var header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
