package io.sluice.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice topics create|list|describe|delete}, through the standard kafka-clients {@link Admin}. */
@Command(name = "topics", mixinStandardHelpOptions = true,
    description = "Create, list, describe and delete topics.",
    subcommands = {TopicsCommand.Create.class, TopicsCommand.ListTopics.class, TopicsCommand.Describe.class,
        TopicsCommand.Delete.class})
public final class TopicsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Opens an {@link Admin} whose every call gives up after {@code --timeout-ms}, and closes it afterwards. */
    abstract static class AdminCommand implements Callable<Integer> {
        @Mixin
        ClientOptions client;

        @Option(names = "--timeout-ms", paramLabel = "MS",
            description = "Give up when the broker has not answered within this time. Default: ${DEFAULT-VALUE}")
        int timeoutMs = 30_000;

        @Spec
        CommandSpec spec;

        @Override
        public final Integer call() {
            if (timeoutMs < 1) {
                throw CliException.usage("--timeout-ms must be at least 1, not " + timeoutMs);
            }
            Properties props = new Properties();
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, client.bootstrapServer);
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
            Admin admin;
            try {
                admin = Admin.create(props);
            } catch (org.apache.kafka.common.KafkaException e) {
                // A malformed or unresolvable --bootstrap-server.
                throw CliException.usage("Cannot use --bootstrap-server '" + client.bootstrapServer + "': "
                    + ClientErrors.describe(e.getCause() == null ? e : e.getCause()));
            }
            try {
                run(admin, spec.commandLine().getOut());
                spec.commandLine().getOut().flush();
            } finally {
                admin.close(Duration.ofSeconds(5));
            }
            return 0;
        }

        abstract void run(Admin admin, PrintWriter out);

        <T> T await(org.apache.kafka.common.KafkaFuture<T> future, String what, String topic) {
            // A little longer than the client's own timeout, so its more specific error usually wins.
            return ClientErrors.await(future, what, topic, client.bootstrapServer, timeoutMs + 1_000L);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a topic.")
    static final class Create extends AdminCommand {
        @Parameters(paramLabel = "TOPIC", description = "Name of the topic.")
        String topic;

        @Option(names = "--partitions", paramLabel = "N",
            description = "Number of partitions. Default: the broker's num.partitions.")
        Integer partitions;

        @Option(names = "--replication-factor", paramLabel = "N",
            description = "Copies of each partition. Default: the broker's default.replication.factor.")
        Short replicationFactor;

        @Option(names = "--config", paramLabel = "KEY=VALUE",
            description = "A topic configuration (Kafka topic key names, e.g. retention.ms=3600000). Repeatable.")
        Map<String, String> configs = new LinkedHashMap<>();

        @Override
        void run(Admin admin, PrintWriter out) {
            if (partitions != null && partitions < 1) {
                throw CliException.usage("--partitions must be at least 1, not " + partitions);
            }
            if (replicationFactor != null && replicationFactor < 1) {
                throw CliException.usage("--replication-factor must be at least 1, not " + replicationFactor);
            }
            NewTopic newTopic = new NewTopic(topic, Optional.ofNullable(partitions), Optional.ofNullable(replicationFactor))
                .configs(configs);
            await(admin.createTopics(List.of(newTopic)).all(), "create topic '" + topic + "'", topic);
            out.println("Created topic " + topic + ".");
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List topic names, one per line.")
    static final class ListTopics extends AdminCommand {
        @Override
        void run(Admin admin, PrintWriter out) {
            await(admin.listTopics().names(), "list topics", null).stream().sorted().forEach(out::println);
        }
    }

    @Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Describe topics: id, partitions with leader, replicas and in-sync replicas, configs.")
    static final class Describe extends AdminCommand {
        @Parameters(paramLabel = "TOPIC", arity = "0..1", description = "Topic to describe. Default: every topic.")
        String topic;

        @Option(names = "--all-configs", description = "Show every configuration, not only the topic's own settings.")
        boolean allConfigs;

        @Override
        void run(Admin admin, PrintWriter out) {
            Collection<String> names = topic != null ? List.of(topic)
                : await(admin.listTopics().names(), "list topics", null).stream().sorted().toList();
            if (names.isEmpty()) {
                return;
            }
            String what = "describe " + (topic != null ? "topic '" + topic + "'" : "topics");
            Map<String, TopicDescription> descriptions =
                await(admin.describeTopics(names).allTopicNames(), what, topic);
            List<ConfigResource> resources = new ArrayList<>();
            for (String name : names) {
                resources.add(new ConfigResource(ConfigResource.Type.TOPIC, name));
            }
            Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all(), what, topic);
            for (String name : names) {
                TopicDescription description = descriptions.get(name);
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
                print(out, description, config);
            }
        }

        private void print(PrintWriter out, TopicDescription description, Config config) {
            List<TopicPartitionInfo> partitions = description.partitions();
            int replicationFactor = partitions.isEmpty() ? 0 : partitions.get(0).replicas().size();
            String configText = config == null ? "" : config.entries().stream()
                .filter(entry -> allConfigs || entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                .sorted(java.util.Comparator.comparing(ConfigEntry::name))
                .map(entry -> entry.name() + "=" + (entry.isSensitive() ? "(hidden)" : entry.value()))
                .collect(Collectors.joining(","));
            out.println("Topic: " + description.name() + "\tTopicId: " + description.topicId()
                + "\tPartitionCount: " + partitions.size() + "\tReplicationFactor: " + replicationFactor
                + "\tConfigs: " + configText);
            for (TopicPartitionInfo partition : partitions) {
                out.println("\tTopic: " + description.name() + "\tPartition: " + partition.partition()
                    + "\tLeader: " + (partition.leader() == null || partition.leader().isEmpty() ? "none"
                        : partition.leader().idString())
                    + "\tReplicas: " + ids(partition.replicas()) + "\tIsr: " + ids(partition.isr()));
            }
        }

        private static String ids(List<Node> nodes) {
            return nodes.stream().map(Node::idString).collect(Collectors.joining(","));
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a topic and its data.")
    static final class Delete extends AdminCommand {
        @Parameters(paramLabel = "TOPIC", description = "Name of the topic.")
        String topic;

        @Override
        void run(Admin admin, PrintWriter out) {
            await(admin.deleteTopics(List.of(topic)).all(), "delete topic '" + topic + "'", topic);
            out.println("Deleted topic " + topic + ".");
        }
    }
}
