package io.sluice.log.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.embedded.EmbeddedBroker;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a broker child JVM while a producer writes with acks=all: after a restart on the same data
 * directory, every record the producer saw acknowledged is there.
 */
class BrokerCrashIT {
    private static final int ACKS_BEFORE_KILL = 2_000;

    @TempDir
    Path dataDir;

    @Test
    void everyRecordAcknowledgedWithAcksAllSurvivesKillDashNine() throws Exception {
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
            System.getProperty("java.class.path"), BrokerChildProcess.class.getName(), dataDir.toString(), "0")
            .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread drain = new Thread(() -> {
            // Keep draining the child's output (its logs too) so it never blocks on a full pipe.
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("READY ")) {
                        ready.complete(Integer.parseInt(line.substring("READY ".length()).trim()));
                    }
                }
            } catch (java.io.IOException e) {
                // the child was killed
            }
            ready.completeExceptionally(new IllegalStateException("the child broker exited before it was ready"));
        });
        drain.setDaemon(true);
        drain.start();
        int port = ready.get(60, TimeUnit.SECONDS);

        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Properties props = new Properties();
        props.put("bootstrap.servers", "localhost:" + port);
        props.put("acks", "all");
        props.put("linger.ms", 1);
        props.put("delivery.timeout.ms", 10_000);
        props.put("request.timeout.ms", 5_000);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; acknowledged.size() < ACKS_BEFORE_KILL; i++) {
                String value = "record-" + i;
                producer.send(new ProducerRecord<>("crash", value), (metadata, error) -> {
                    if (error == null) {
                        acknowledged.add(value);
                    }
                });
                if (i % 500 == 0) {
                    producer.flush();
                }
            }
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // Sends in flight at the kill fail or time out; only the acknowledged ones count.
            producer.close(Duration.ofSeconds(15));
        }

        Set<String> stored = new HashSet<>();
        try (EmbeddedBroker restarted = EmbeddedBroker.start(dataDir, 0, Map.of())) {
            Properties consumerProps = new Properties();
            consumerProps.put("bootstrap.servers", restarted.bootstrapServers());
            consumerProps.put("key.deserializer", StringDeserializer.class.getName());
            consumerProps.put("value.deserializer", StringDeserializer.class.getName());
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps)) {
                consumer.assign(List.of(new TopicPartition("crash", 0)));
                consumer.seekToBeginning(consumer.assignment());
                long end = consumer.endOffsets(consumer.assignment()).values().iterator().next();
                long deadline = System.currentTimeMillis() + 30_000;
                while (consumer.position(new TopicPartition("crash", 0)) < end && System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> stored.add(record.value()));
                }
            }
        }
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(ACKS_BEFORE_KILL);
        assertThat(stored).as("every acknowledged record is back after the crash").containsAll(acknowledged);
    }
}
