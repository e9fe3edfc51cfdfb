package io.sluice.log.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsPartition;
import org.apache.kafka.common.message.ListOffsetsRequestData.ListOffsetsTopic;
import org.apache.kafka.common.message.ListOffsetsResponseData.ListOffsetsPartitionResponse;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ListOffsets answered at every advertised version, the way librdkafka (v2 for {@code -o beginning}) and the Java
 * client (the newest) ask: the fields a version lacks must stay at their defaults or the response cannot be
 * written and the connection is lost.
 */
@ExtendWith(EmbeddedBrokerExtension.class)
class ListOffsetsVersionsIT {
    private static final String TOPIC = "offsets";

    @BeforeAll
    static void produceThreeRecords(EmbeddedBroker broker) throws Exception {
        broker.createTopic(TOPIC, 1, Map.of());
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(TOPIC, "k" + i, "v" + i)).get();
            }
        }
    }

    static List<Short> advertisedVersions() {
        return java.util.stream.IntStream.rangeClosed(1, ApiKeys.LIST_OFFSETS.latestVersion())
            .mapToObj(v -> (short) v).toList();
    }

    @ParameterizedTest(name = "v{0}")
    @MethodSource("advertisedVersions")
    void earliestAndLatestAnswerAtEveryVersion(short version, EmbeddedBroker broker) throws Exception {
        try (RawKafkaConnection raw = new RawKafkaConnection("localhost", broker.port())) {
            assertThat(offsetFor(raw, version, ListOffsetsRequest.EARLIEST_TIMESTAMP).offset()).isZero();
            ListOffsetsPartitionResponse latest = offsetFor(raw, version, ListOffsetsRequest.LATEST_TIMESTAMP);
            assertThat(latest.offset()).isEqualTo(3);
            assertThat(latest.leaderEpoch()).isEqualTo(version >= 4 ? 0 : -1);
        }
    }

    private static ListOffsetsPartitionResponse offsetFor(RawKafkaConnection raw, short version, long timestamp)
            throws Exception {
        ListOffsetsTopic topic = new ListOffsetsTopic().setName(TOPIC)
            .setPartitions(List.of(new ListOffsetsPartition().setPartitionIndex(0).setTimestamp(timestamp)));
        ListOffsetsRequest request = ListOffsetsRequest.Builder
            .forConsumer(false, IsolationLevel.READ_UNCOMMITTED)
            .setTargetTimes(List.of(topic))
            .build(version);
        ListOffsetsResponse response = (ListOffsetsResponse) raw.send(request);
        ListOffsetsPartitionResponse partition = response.data().topics().get(0).partitions().get(0);
        assertThat(Errors.forCode(partition.errorCode())).isEqualTo(Errors.NONE);
        return partition;
    }
}
