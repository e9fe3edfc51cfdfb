package io.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Produced;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code max.task.idle.ms} on the embedded broker: one task merges partition 0 of "left" and "right"; a record on
 * one side waits for the other side as long as the setting says, so the output keeps timestamp order.
 */
class MaxTaskIdleIT {
    @TempDir
    Path stateDir;

    private StreamsApp merging(String appId, long maxTaskIdleMs) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("left", Consumed.with(Serdes.String(), Serdes.String()))
            .merge(builder.stream("right", Consumed.with(Serdes.String(), Serdes.String())))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, appId);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L);
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, maxTaskIdleMs);
        return new StreamsApp(builder.build(), props);
    }

    @Test
    void aRecordWaitsForTheEmptySideAndTheOutputKeepsTimestampOrder() throws Exception {
        try (StreamsApp app = merging("idle-wait", 60_000)) {
            app.start();
            awaitRunning(app);
            String servers = app.bootstrapServers();
            send(servers, "left", Map.of(2_000L, "a"));
            // With the other side empty and caught up, the task waits its 60 s: nothing comes out meanwhile.
            assertThat(readValues(servers, 1, Duration.ofSeconds(2))).isEmpty();
            // b goes first (earlier); then a, since "right" still holds c; c waits again, now for "left".
            send(servers, "right", Map.of(1_000L, "b", 3_000L, "c")); // one batch: fetched together
            assertThat(readValues(servers, 2, Duration.ofSeconds(30))).containsExactly("b", "a");
            assertThat(readValues(servers, 3, Duration.ofSeconds(1))).as("c waits for left").hasSize(2);
        }
    }

    @Test
    void byDefaultACaughtUpEmptySideIsNotWaitedFor() throws Exception {
        try (StreamsApp app = merging("idle-default", 0)) {
            app.start();
            awaitRunning(app);
            send(app.bootstrapServers(), "left", Map.of(2_000L, "a"));
            assertThat(readValues(app.bootstrapServers(), 1, Duration.ofSeconds(30))).containsExactly("a");
        }
    }

    private static void awaitRunning(StreamsApp app) throws InterruptedException {
        assertThat(AppTestClients.await(() -> app.state() == StreamsApp.State.RUNNING, Duration.ofSeconds(30)))
            .as("app RUNNING").isTrue();
    }

    /** Sends the values (by timestamp, in timestamp order) to partition 0 of {@code topic} as one batch. */
    private static void send(String servers, String topic, Map<Long, String> valuesByTimestamp) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", servers);
        props.put("linger.ms", 1_000); // flush() sends at once; until then the records gather into one batch
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
            new StringSerializer())) {
            new TreeMap<>(valuesByTimestamp).forEach((timestamp, value) ->
                producer.send(new ProducerRecord<>(topic, 0, timestamp, "k", value)));
            producer.flush();
        }
    }

    /** Values of "out" from the beginning until {@code count} arrived or {@code timeout} passed. */
    private static List<String> readValues(String servers, int count, Duration timeout) {
        Properties props = new Properties();
        props.put("bootstrap.servers", servers);
        props.put("group.id", "reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
            new StringDeserializer())) {
            consumer.subscribe(List.of("out"));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }
}
