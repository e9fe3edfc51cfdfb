package io.sluice.log.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JUnit extension as a test class uses it: one broker for the class, with the overrides given, injected
 * as a parameter and reachable from the field.
 */
class EmbeddedBrokerExtensionIT {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension().with("num.partitions", 3);

    @Test
    void injectedBrokerIsTheSharedOneAndServesRealClients(EmbeddedBroker broker) throws Exception {
        assertThat(broker).isSameAs(BROKER.broker());
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        props.put("key.deserializer", StringDeserializer.class.getName());
        props.put("value.deserializer", StringDeserializer.class.getName());
        props.put("auto.offset.reset", "earliest");
        props.put("group.id", "extension-test");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            producer.send(new ProducerRecord<>("extension-topic", "k", "v")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of("extension-topic"));
            ConsumerRecord<String, String> received = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (received == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    received = r;
                }
            }
            assertThat(received).isNotNull();
            assertThat(received.value()).isEqualTo("v");
        }
    }

    @Test
    void overridesApplyToTheBroker(EmbeddedBroker broker) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("defaulted", java.util.Optional.empty(),
                java.util.Optional.empty()))).all().get();
            assertThat(admin.describeTopics(List.of("defaulted")).allTopicNames().get()
                .get("defaulted").partitions()).hasSize(3);
        }
    }
}
