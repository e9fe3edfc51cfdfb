package io.sluice.connect.runtime.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.connect.runtime.Await;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The standalone entry point from its files, and a clean restart that resumes from the stored source offsets. */
class ConnectStandaloneIT {

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    @TempDir
    Path dir;

    @Test
    void restartFromTheSameFilesResumesWithNothingLostOrDuplicated() throws Exception {
        Path worker = dir.resolve("worker.properties");
        Files.writeString(worker, String.join("\n",
            "bootstrap.servers=" + BROKER.broker().bootstrapServers(),
            "listeners=http://localhost:0",
            "offset.storage.file.filename=" + dir.resolve("offsets"),
            "offset.flush.interval.ms=100"), StandardCharsets.UTF_8);
        Path connector = dir.resolve("counting.json");
        Files.writeString(connector, RestTestClient.json(Map.of("name", "resume", "config", Map.of(
            "connector.class", CountingSourceConnector.class.getName(), "tasks.max", "1",
            "topic", "resume-topic", "batch.size", "5",
            "value.converter", "org.apache.kafka.connect.storage.StringConverter"))), StandardCharsets.UTF_8);

        runUntilOffset(worker, connector, 20);
        runUntilOffset(worker, connector, 60);

        List<String> values = readAll("resume-topic");
        assertThat(values.size()).isGreaterThan(60);
        for (int i = 0; i < values.size(); i++) {
            assertThat(values.get(i)).as("record %d", i).isEqualTo(Integer.toString(i));
        }
    }

    private static void runUntilOffset(Path worker, Path connector, long position) {
        try (ConnectStandalone connect = ConnectStandalone.fromFiles(worker, List.of(connector))) {
            connect.start();
            RestTestClient rest = new RestTestClient(connect.restUrl());
            assertThat(rest.get("/connectors").json().get(0).asText()).isEqualTo("resume");
            Await.until("source offset past " + position, () -> {
                var offsets = rest.get("/connectors/resume/offsets").json().path("offsets");
                return offsets.size() == 1 && offsets.get(0).path("offset").path("position").asLong() >= position;
            });
        }
    }

    private static List<String> readAll(String topic) {
        Map<String, Object> props = Map.of("bootstrap.servers", BROKER.broker().bootstrapServers(),
            "group.id", "resume-check", "auto.offset.reset", "earliest",
            "key.deserializer", StringDeserializer.class.getName(),
            "value.deserializer", StringDeserializer.class.getName());
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(topic));
            int emptyPolls = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (emptyPolls < 5 && System.nanoTime() < deadline) {
                int before = values.size();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
                emptyPolls = values.size() == before && !values.isEmpty() ? emptyPolls + 1 : 0;
            }
        }
        return values;
    }
}
