package io.sluice.log.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.embedded.EmbeddedBroker;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real kafka-clients Admin against the embedded broker: the topic life cycle and configs. */
class AdminIT {
    @TempDir
    Path dataDir;

    @Test
    void createDescribeAlterAndDeleteTopics() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("payments", 3, (short) 1)
                .configs(Map.of("retention.ms", "60000")))).all().get();

            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("payments", 1, (short) 1))).all().get())
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicExistsException.class);
            assertThat(admin.listTopics().names().get()).contains("payments");
            TopicDescription description = admin.describeTopics(List.of("payments")).allTopicNames().get().get("payments");
            assertThat(description.partitions()).hasSize(3);
            assertThat(description.topicId()).isNotNull();
            assertThat(description.partitions().get(0).leader().id()).isEqualTo(0);

            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "payments");
            admin.incrementalAlterConfigs(Map.of(resource, List.of(
                new AlterConfigOp(new ConfigEntry("cleanup.policy", "compact"), AlterConfigOp.OpType.SET),
                new AlterConfigOp(new ConfigEntry("retention.ms", null), AlterConfigOp.OpType.DELETE)))).all().get();
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(config.get("retention.ms").source()).isNotEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);

            admin.createPartitions(Map.of("payments", NewPartitions.increaseTo(5))).all().get();
            assertThat(admin.describeTopics(List.of("payments")).allTopicNames().get().get("payments").partitions())
                .hasSize(5);

            admin.deleteTopics(List.of("payments")).all().get();
            assertThat(admin.listTopics().names().get()).doesNotContain("payments");
            assertThatThrownBy(() -> admin.describeTopics(List.of("payments")).allTopicNames().get())
                .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
        }
    }

    @Test
    void describeClusterAndDeleteRecords() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(dataDir);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
            Collection<org.apache.kafka.common.Node> nodes = admin.describeCluster().nodes().get();
            assertThat(nodes).hasSize(1);
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(broker.broker().clusterId());

            broker.createTopic("audit", 1, Map.of());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", StringSerializer.class.getName()))) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>("audit", "v" + i)).get();
                }
            }
            TopicPartition tp = new TopicPartition("audit", 0);
            long low = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(6))).lowWatermarks().get(tp).get()
                .lowWatermark();

            assertThat(low).isEqualTo(6);
            assertThat(admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.earliest())).all().get()
                .get(tp).offset()).isEqualTo(6);
            assertThat(admin.listTopics().names().get()).isEqualTo(Set.of("audit"));
        }
    }
}
