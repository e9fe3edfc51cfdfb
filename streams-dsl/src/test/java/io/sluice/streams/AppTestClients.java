package io.sluice.streams;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Real kafka-clients for the runtime's integration tests: produce input, read output until it is as expected. */
final class AppTestClients {
    private AppTestClients() {
    }

    /** Sends {@code key → value} pairs (in order) and waits for their acknowledgement. */
    static void produce(String bootstrapServers, String topic, List<Map.Entry<String, String>> records)
        throws ExecutionException, InterruptedException {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (Map.Entry<String, String> record : records) {
                producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())).get();
            }
        }
    }

    /**
     * Reads {@code topic} from the beginning, keeping the latest value per key, until {@code done} holds for that
     * map or {@code timeout} passes; returns the map either way (the caller asserts on it).
     */
    static <K, V> Map<K, V> readLatestUntil(String bootstrapServers, String topic, Deserializer<K> keys,
                                            Deserializer<V> values, Predicate<Map<K, V>> done, Duration timeout) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("group.id", "reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        Map<K, V> latest = new HashMap<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done.test(latest) && System.nanoTime() < deadline) {
                for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
                    latest.put(record.key(), record.value());
                }
            }
        }
        return latest;
    }

    /** Waits until {@code condition} holds, up to {@code timeout}; returns whether it did. */
    static boolean await(java.util.function.BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20); // polling a condition, not waiting for an effect to happen by itself
        }
        return true;
    }
}
