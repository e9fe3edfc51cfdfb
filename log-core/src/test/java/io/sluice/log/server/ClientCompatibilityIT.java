package io.sluice.log.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.embedded.EmbeddedBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Kafka clients rely on: codecs, nulls, headers, per-key ordering, size limits. One broker per class. */
class ClientCompatibilityIT {
    @TempDir
    static Path dataDir;
    static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = EmbeddedBroker.start(dataDir, 0, Map.of("message.max.bytes", 100_000));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> overrides) {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("acks", "all");
        props.put("linger.ms", 5);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        props.putAll(overrides);
        return new KafkaProducer<>(props);
    }

    private static List<ConsumerRecord<String, String>> consumeAll(String topic, int partitions, int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        props.put("auto.offset.reset", "earliest");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> assignment = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assignment.add(new TopicPartition(topic, p));
            }
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            long deadline = System.currentTimeMillis() + 30_000;
            while (records.size() < expected && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void everyCompressionCodecRoundTripsAndStaysCompressedOnDisk(String codec) throws Exception {
        String topic = "codec-" + codec;
        broker.createTopic(topic, 1, Map.of());
        try (KafkaProducer<String, String> producer = producer(Map.of("compression.type", codec))) {
            for (int i = 0; i < 500; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "value-" + i + "-" + "x".repeat(50)));
            }
            producer.flush();
        }

        List<ConsumerRecord<String, String>> records = consumeAll(topic, 1, 500);

        assertThat(records).hasSize(500);
        assertThat(records.get(499).value()).startsWith("value-499-");
        long bytesOnDisk = broker.broker().logManager().getLog(new io.sluice.log.storage.TopicPartition(topic, 0))
            .orElseThrow().sizeInBytes();
        if (!codec.equals("none")) {
            assertThat(bytesOnDisk).as("batches are stored as produced, compressed").isLessThan(500L * 50);
        }
    }

    @Test
    void nullKeysNullValuesAndHeadersSurvive() throws Exception {
        broker.createTopic("nulls", 1, Map.of());
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>("nulls", null, "no key")).get();
            producer.send(new ProducerRecord<>("nulls", "no value", null)).get();
            ProducerRecord<String, String> withHeaders = new ProducerRecord<>("nulls", "h", "v");
            withHeaders.headers().add("a", new byte[] {1, 2}).add("empty", null);
            producer.send(withHeaders).get();
        }

        List<ConsumerRecord<String, String>> records = consumeAll("nulls", 1, 3);

        assertThat(records.get(0).key()).isNull();
        assertThat(records.get(0).value()).isEqualTo("no key");
        assertThat(records.get(1).value()).isNull();
        assertThat(records.get(2).headers().lastHeader("a").value()).containsExactly(1, 2);
        assertThat(records.get(2).headers().lastHeader("empty").value()).isNull();
    }

    @Test
    void recordsWithTheSameKeyStayInOrderWithinTheirPartition() throws Exception {
        broker.createTopic("keyed", 4, Map.of());
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (int i = 0; i < 400; i++) {
                producer.send(new ProducerRecord<>("keyed", "key-" + (i % 10), Integer.toString(i)));
            }
            producer.flush();
        }

        List<ConsumerRecord<String, String>> records = consumeAll("keyed", 4, 400);

        assertThat(records).hasSize(400);
        Map<String, Integer> partitionOfKey = new HashMap<>();
        Map<String, Integer> lastValueOfKey = new HashMap<>();
        for (ConsumerRecord<String, String> record : records) {
            assertThat(partitionOfKey.computeIfAbsent(record.key(), k -> record.partition())).isEqualTo(record.partition());
            int value = Integer.parseInt(record.value());
            assertThat(value).isGreaterThan(lastValueOfKey.getOrDefault(record.key(), -1));
            lastValueOfKey.put(record.key(), value);
        }
    }

    @Test
    void aRecordOverMaxMessageBytesFailsWithRecordTooLarge() {
        broker.createTopic("small", 1, Map.of("max.message.bytes", "2000"));
        try (KafkaProducer<String, String> producer = producer(Map.of("max.request.size", 1_000_000))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("small", "k", "x".repeat(5_000))).get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(RecordTooLargeException.class);
        }
    }
}
