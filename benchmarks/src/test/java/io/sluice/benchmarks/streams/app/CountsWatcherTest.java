package io.sluice.benchmarks.streams.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.embedded.EmbeddedBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The end-of-run detector against a real (embedded) broker: what it accepts as done, and what fails a run. */
class CountsWatcherTest {
    private static final String TOPIC = "counts";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private EmbeddedBroker broker;
    private KafkaProducer<String, Long> producer;

    @BeforeEach
    void start() {
        broker = EmbeddedBroker.start(dir.resolve("broker"), 0, Map.of());
        broker.createTopic(TOPIC, 2, Map.of());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        producer = new KafkaProducer<>(props, new StringSerializer(), new LongSerializer());
    }

    @AfterEach
    void stop() {
        producer.close();
        broker.close();
    }

    private void send(String word, long count) {
        producer.send(new ProducerRecord<>(TOPIC, word, count));
        producer.flush();
    }

    @Test
    void shouldFinishWhenEveryWordReachedItsCount() {
        send("a", 1);
        send("b", 1);
        send("a", 2);
        try (CountsWatcher watcher = new CountsWatcher(broker.bootstrapServers(), TOPIC, false)) {
            assertThatThrownBy(() -> watcher.awaitCounts(Map.of("a", 2L, "b", 2L), Map.of(), Duration.ofSeconds(2)))
                .hasMessageContaining("1 of 2 words short");
            send("b", 2);
            assertThat(watcher.awaitCounts(Map.of("a", 2L, "b", 2L), Map.of(), TIMEOUT)).isPositive();
        }
    }

    @Test
    void shouldFailOnACountAboveTheExpectedOne() {
        send("a", 3);
        try (CountsWatcher watcher = new CountsWatcher(broker.bootstrapServers(), TOPIC, false)) {
            assertThatThrownBy(() -> watcher.awaitCounts(Map.of("a", 2L), Map.of(), TIMEOUT))
                .hasMessageContaining("word 'a' counted 3 times, expected 2");
        }
    }

    @Test
    void shouldReadOnlyNewUpdatesFromTheEndAndFailAtOnceWhenACountFallsBelowItsFloor() {
        send("a", 1); // history: below the floor, but written before the watcher started
        try (CountsWatcher watcher = new CountsWatcher(broker.bootstrapServers(), TOPIC, true)) {
            send("a", 1); // a restarted app that lost its state counts from 0 again
            long start = System.nanoTime();
            assertThatThrownBy(() -> watcher.awaitCounts(Map.of("a", 6L), Map.of("a", 5L), TIMEOUT))
                .hasMessageContaining("below the 5 it had before the restart (state lost)");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT);
        }
        try (CountsWatcher watcher = new CountsWatcher(broker.bootstrapServers(), TOPIC, true)) {
            send("a", 6);
            assertThat(watcher.awaitCounts(Map.of("a", 6L), Map.of("a", 5L), TIMEOUT)).isPositive();
        }
    }
}
