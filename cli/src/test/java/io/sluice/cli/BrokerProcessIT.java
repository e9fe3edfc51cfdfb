package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.storage.LogManager;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice broker} as a real child JVM: it announces the bound port, serves kafka-clients, stops cleanly with
 * status 0 on SIGTERM ({@link Process#destroy()}), and a restart on the same directory finds the records without
 * recovery.
 */
class BrokerProcessIT {
    private static final Pattern READY =
        Pattern.compile("Sluice broker ready: bootstrap\\.servers=(\\S+:(\\d+)), data in (.+)");

    @TempDir
    Path dir;

    private final List<ChildJvm> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(ChildJvm::kill);
    }

    private ChildJvm startBroker(Path dataDir, String name) throws IOException {
        ChildJvm child = ChildJvm.start(dir, name, "broker", "--data-dir", dataDir.toString(), "--port", "0");
        started.add(child);
        return child;
    }

    @Test
    void aChildBrokerServesClientsStopsCleanlyOnSigtermAndKeepsTheRecordsAcrossARestart() throws Exception {
        Path dataDir = dir.resolve("data");
        ChildJvm first = startBroker(dataDir, "first");
        Matcher ready = first.awaitLine(READY);
        String bootstrap = ready.group(1);

        assertThat(Integer.parseInt(ready.group(2))).as("the real bound port, not 0").isPositive();
        assertThat(Path.of(ready.group(3))).isEqualTo(dataDir.toAbsolutePath().normalize());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(bootstrap))) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("events", 0, "k" + i, "v" + i)).get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(consumeFromBeginning(bootstrap, 10)).hasSize(10);

        int exitCode = first.stopWithSigterm();

        assertThat(exitCode).as("exit status after SIGTERM; stderr: %s", first.stderr()).isZero();
        assertThat(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)).exists();
        assertThat(first.stdout()).contains("Sluice broker stopped cleanly.");

        ChildJvm second = startBroker(dataDir, "second");
        String restartedBootstrap = second.awaitLine(READY).group(1);
        List<String> records = consumeFromBeginning(restartedBootstrap, 10);

        assertThat(records).containsExactly("k0=v0", "k1=v1", "k2=v2", "k3=v3", "k4=v4", "k5=v5", "k6=v6", "k7=v7",
            "k8=v8", "k9=v9");
        assertThat(second.stderr()).doesNotContain("not shut down cleanly");
        assertThat(second.stopWithSigterm()).isZero();
    }

    private static List<String> consumeFromBeginning(String bootstrap, int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        props.put("enable.auto.commit", "false");
        List<String> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            TopicPartition partition = new TopicPartition("events", 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.add(r.key() + "=" + r.value()));
            }
        }
        return records;
    }

    private static Properties producerProps(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        return props;
    }
}
