package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.embedded.EmbeddedBroker;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code topics create|list|describe|delete} against an embedded broker. Needs the broker's admin APIs
 * (CreateTopics, DeleteTopics, DescribeConfigs).
 */
class TopicsCommandIT {
    @TempDir
    Path dataDir;

    private EmbeddedBroker broker;

    @BeforeEach
    void startBroker() {
        broker = EmbeddedBroker.start(dataDir, 0, Map.of("auto.create.topics.enable", false));
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private Cli.Result topics(String... args) {
        String[] full = new String[args.length + 3];
        full[0] = "topics";
        System.arraycopy(args, 0, full, 1, args.length);
        full[args.length + 1] = "--bootstrap-server";
        full[args.length + 2] = broker.bootstrapServers();
        return Cli.run(full);
    }

    @Test
    void createdTopicsAreListedInNameOrder() {
        Cli.Result created = topics("create", "orders", "--partitions", "3");
        topics("create", "audit");

        Cli.Result listed = topics("list");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.out()).isEqualTo("Created topic orders.\n");
        assertThat(listed.exitCode()).isZero();
        assertThat(listed.outLines()).containsExactly("audit", "orders");
    }

    @Test
    void describeShowsTheTopicIdPartitionsLeaderReplicasIsrAndTheTopicsOwnConfigs() {
        topics("create", "orders", "--partitions", "2", "--config", "retention.ms=3600000",
            "--config", "cleanup.policy=compact");

        Cli.Result described = topics("describe", "orders");

        assertThat(described.exitCode()).as(described.err()).isZero();
        assertThat(described.outLines()).hasSize(3);
        assertThat(described.outLines().get(0))
            .startsWith("Topic: orders\tTopicId: ")
            .doesNotContain("AAAAAAAAAAAAAAAAAAAAAA")
            .contains("\tPartitionCount: 2\tReplicationFactor: 1\t")
            .endsWith("Configs: cleanup.policy=compact,retention.ms=3600000");
        assertThat(described.outLines().subList(1, 3)).containsExactly(
            "\tTopic: orders\tPartition: 0\tLeader: 0\tReplicas: 0\tIsr: 0",
            "\tTopic: orders\tPartition: 1\tLeader: 0\tReplicas: 0\tIsr: 0");
    }

    @Test
    void describeWithoutATopicDescribesEveryTopic() {
        topics("create", "a");
        topics("create", "b");

        Cli.Result described = topics("describe");

        assertThat(described.exitCode()).as(described.err()).isZero();
        assertThat(described.outLines()).filteredOn(line -> line.startsWith("Topic: "))
            .extracting(line -> line.split("\t")[0]).containsExactly("Topic: a", "Topic: b");
    }

    @Test
    void creatingAnExistingTopicFailsWithAClearMessage() {
        topics("create", "orders");

        Cli.Result again = topics("create", "orders");

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).isEqualTo("sluice: Topic 'orders' already exists\n");
    }

    @Test
    void anInvalidTopicConfigFailsWithTheBrokersReason() {
        Cli.Result created = topics("create", "orders", "--config", "retention.ms=soon");

        assertThat(created.exitCode()).isEqualTo(1);
        assertThat(created.err()).contains("retention.ms").contains("soon");
        assertThat(created.err().lines()).hasSize(1);
    }

    @Test
    void deletedTopicsDisappearFromTheList() {
        topics("create", "doomed");
        topics("create", "kept");

        Cli.Result deleted = topics("delete", "doomed");
        Cli.Result listed = topics("list");

        assertThat(deleted.exitCode()).as(deleted.err()).isZero();
        assertThat(deleted.out()).isEqualTo("Deleted topic doomed.\n");
        assertThat(listed.outLines()).containsExactly("kept");
    }

    @Test
    void deletingOrDescribingAnUnknownTopicFailsWithAClearMessage() {
        Cli.Result deleted = topics("delete", "ghost");
        Cli.Result described = topics("describe", "ghost");

        assertThat(deleted.exitCode()).isEqualTo(1);
        assertThat(deleted.err()).isEqualTo("sluice: Topic 'ghost' does not exist\n");
        assertThat(described.exitCode()).isEqualTo(1);
        assertThat(described.err()).isEqualTo("sluice: Topic 'ghost' does not exist\n");
    }
}
