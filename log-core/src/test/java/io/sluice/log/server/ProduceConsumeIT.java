package io.sluice.log.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.embedded.EmbeddedBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real kafka-clients against the embedded broker: produce with acks=all, consume with assign. */
class ProduceConsumeIT {
    @TempDir
    Path dataDir;

    private static Properties producerProps(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("acks", "all");
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        return props;
    }

    private static Properties consumerProps(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        return props;
    }

    @Test
    void recordsProducedWithAcksAllAreConsumedInOrderWithKeysAndHeaders() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir)) {
            broker.createTopic("orders", 2, Map.of());
            List<RecordMetadata> acks = new ArrayList<>();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker.bootstrapServers()))) {
                for (int i = 0; i < 100; i++) {
                    ProducerRecord<String, String> record = new ProducerRecord<>("orders", 0, "key-" + i, "value-" + i);
                    record.headers().add("trace", ("t" + i).getBytes(StandardCharsets.UTF_8));
                    acks.add(producer.send(record).get());
                }
            }
            assertThat(acks).extracting(RecordMetadata::offset).containsExactlyElementsOf(
                java.util.stream.LongStream.range(0, 100).boxed().toList());

            List<ConsumerRecord<String, String>> consumed = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps(broker.bootstrapServers()))) {
                consumer.assign(List.of(new TopicPartition("orders", 0)));
                long deadline = System.currentTimeMillis() + 30_000;
                while (consumed.size() < 100 && System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(consumed::add);
                }
            }
            assertThat(consumed).hasSize(100);
            for (int i = 0; i < 100; i++) {
                assertThat(consumed.get(i).key()).isEqualTo("key-" + i);
                assertThat(consumed.get(i).value()).isEqualTo("value-" + i);
                assertThat(consumed.get(i).offset()).isEqualTo(i);
                assertThat(new String(consumed.get(i).headers().lastHeader("trace").value(), StandardCharsets.UTF_8))
                    .isEqualTo("t" + i);
            }
        }
    }

    @Test
    void anUnknownTopicIsAutoCreatedOnFirstProduce() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir);
             KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker.bootstrapServers()))) {
            RecordMetadata metadata = producer.send(new ProducerRecord<>("fresh", "k", "v")).get();

            assertThat(metadata.offset()).isZero();
            assertThat(broker.broker().topics().topic("fresh")).isPresent();
        }
    }

    @Test
    void aLongPollingFetchIsWokenByANewRecordInsteadOfWaitingOutMaxWait() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir)) {
            broker.createTopic("live", 1, Map.of());
            Properties props = consumerProps(broker.bootstrapServers());
            props.put("fetch.max.wait.ms", "20000");
            props.put("fetch.min.bytes", "1");
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps(broker.bootstrapServers()))) {
                consumer.assign(List.of(new TopicPartition("live", 0)));
                // Nothing to read: this poll leaves a fetch parked in the broker for up to 20 s.
                assertThat(consumer.poll(Duration.ofMillis(500))).isEmpty();

                producer.send(new ProducerRecord<>("live", "k", "hello")).get();
                List<ConsumerRecord<String, String>> received = new ArrayList<>();
                long deadline = System.currentTimeMillis() + 5_000;
                while (received.isEmpty() && System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(250)).forEach(received::add);
                }

                // Well before the 20 s max wait: the append completed the parked fetch.
                assertThat(received).extracting(ConsumerRecord::value).containsExactly("hello");
            } finally {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ZERO));
            }
        }
    }
}
