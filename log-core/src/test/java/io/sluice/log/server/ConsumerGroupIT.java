package io.sluice.log.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.embedded.EmbeddedBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consumer groups with real KafkaConsumers: sharing partitions, rebalancing, offsets across a restart. */
class ConsumerGroupIT {
    @TempDir
    Path dataDir;

    private static KafkaConsumer<String, String> consumer(String bootstrap, String group) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", group);
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        props.put("session.timeout.ms", "10000");
        props.put("heartbeat.interval.ms", "500");
        return new KafkaConsumer<>(props);
    }

    private static void produce(String bootstrap, String topic, int count, int start) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = start; i < start + count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i));
            }
            producer.flush();
        }
    }

    /** Polls every consumer until {@code done} holds (or 60 s pass), so that each keeps its membership alive. */
    private static void pollAll(List<KafkaConsumer<String, String>> consumers, Set<String> seen, BooleanSupplier done) {
        long deadline = System.currentTimeMillis() + 60_000;
        while (!done.getAsBoolean() && System.currentTimeMillis() < deadline) {
            for (KafkaConsumer<String, String> consumer : consumers) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> seen.add(record.value()));
                consumer.commitSync();
            }
        }
    }

    @Test
    void threeConsumersShareSixPartitionsAndRebalanceWhenOneLeaves() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir)) {
            broker.createTopic("events", 6, Map.of());
            produce(broker.bootstrapServers(), "events", 300, 0);
            List<KafkaConsumer<String, String>> consumers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                KafkaConsumer<String, String> consumer = consumer(broker.bootstrapServers(), "g");
                consumer.subscribe(List.of("events"));
                consumers.add(consumer);
            }
            Set<String> seen = ConcurrentHashMap.newKeySet();
            pollAll(consumers, seen, () -> seen.size() == 300
                && consumers.stream().allMatch(c -> c.assignment().size() == 2));

            assertThat(seen).hasSize(300);
            Set<TopicPartition> union = new HashSet<>();
            consumers.forEach(c -> {
                assertThat(c.assignment()).hasSize(2);
                union.addAll(c.assignment());
            });
            assertThat(union).hasSize(6);

            consumers.remove(2).close();
            produce(broker.bootstrapServers(), "events", 60, 300);
            pollAll(consumers, seen, () -> seen.size() == 360
                && consumers.stream().mapToInt(c -> c.assignment().size()).sum() == 6);

            assertThat(seen).hasSize(360);
            assertThat(consumers.stream().mapToInt(c -> c.assignment().size()).sum()).isEqualTo(6);
            consumers.forEach(KafkaConsumer::close);
        }
    }

    @Test
    void committedOffsetsAreBackAfterABrokerRestart() throws Exception {
        TopicPartition tp = new TopicPartition("orders", 0);
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir)) {
            broker.createTopic("orders", 1, Map.of());
            produce(broker.bootstrapServers(), "orders", 10, 0);
            try (KafkaConsumer<String, String> consumer = consumer(broker.bootstrapServers(), "billing")) {
                consumer.subscribe(List.of("orders"));
                Set<String> seen = new HashSet<>();
                pollAll(List.of(consumer), seen, () -> seen.size() == 10);
                consumer.commitSync(Map.of(tp, new OffsetAndMetadata(7, "checkpoint")));
            }
        }
        try (EmbeddedBroker restarted = EmbeddedBroker.start(dataDir);
             KafkaConsumer<String, String> consumer = consumer(restarted.bootstrapServers(), "billing")) {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(tp));

            assertThat(committed.get(tp).offset()).isEqualTo(7);
            assertThat(committed.get(tp).metadata()).isEqualTo("checkpoint");
            consumer.subscribe(List.of("orders"));
            Set<String> rest = new HashSet<>();
            pollAll(List.of(consumer), rest, () -> rest.size() == 3);
            assertThat(rest).containsExactlyInAnyOrder("v7", "v8", "v9");
        }
    }
}
