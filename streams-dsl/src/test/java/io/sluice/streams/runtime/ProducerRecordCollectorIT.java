package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import io.sluice.streams.errors.DefaultProductionExceptionHandler;
import io.sluice.streams.errors.StreamsException;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProducerRecordCollectorIT {
    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    private static KafkaProducer<byte[], byte[]> producer(EmbeddedBroker broker) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", broker.bootstrapServers(), "max.block.ms", 3000,
            "delivery.timeout.ms", 3000, "request.timeout.ms", 2000, "linger.ms", 0),
            new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Test
    void tracksTheLastAckedOffsetOfEachChangelogPartitionOnly(EmbeddedBroker broker) {
        broker.createTopic("app-store-changelog", 2, Map.of());
        broker.createTopic("app-out", 1, Map.of());
        try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
            ProducerRecordCollector collector = new ProducerRecordCollector(producer, Set.of("app-store-changelog"),
                new DefaultProductionExceptionHandler());
            for (int i = 0; i < 3; i++) {
                collector.send("app-store-changelog", 1, new byte[] {(byte) i}, new byte[] {1}, new RecordHeaders(),
                    1000L + i);
            }
            collector.send("app-out", null, new byte[] {9}, new byte[] {1}, new RecordHeaders(), 1000L);
            collector.flush();
            assertThat(collector.partitionsFor("app-store-changelog")).isEqualTo(2);
            assertThat(collector.ackedChangelogOffsets())
                .containsExactly(Map.entry(new TopicPartition("app-store-changelog", 1), 2L));
        }
    }

    @Test
    void aFailedSendIsThrownByTheNextFlushNamingTopicAndPartition(EmbeddedBroker broker) {
        broker.createTopic("narrow", 1, Map.of());
        try (KafkaProducer<byte[], byte[]> producer = producer(broker)) {
            ProducerRecordCollector collector = new ProducerRecordCollector(producer, Set.of(),
                new DefaultProductionExceptionHandler());
            // Partition 7 of a one-partition topic: the producer fails the send.
            collector.send("narrow", 7, new byte[] {1}, new byte[] {1}, new RecordHeaders(), 1000L);
            assertThatThrownBy(collector::flush).isInstanceOf(StreamsException.class)
                .hasMessageContaining("topic narrow partition 7");
            assertThatThrownBy(() -> collector.send("narrow", 0, null, null, new RecordHeaders(), 1000L))
                .isInstanceOf(StreamsException.class).hasMessageContaining("topic narrow partition 7");
        }
    }
}
