package io.sluice.benchmarks.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Topic chores of the broker benchmark, done with a kafka-clients {@code Admin} against either broker.
 *
 * <pre>
 * Topics create BOOTSTRAP PARTITIONS TOPIC...   # replication factor 1, broker-default configs
 * Topics count  BOOTSTRAP TOPIC                 # prints the sum of the partitions' end offsets
 * </pre>
 */
public final class Topics {
    private Topics() {
    }

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        if (args.length < 3) {
            System.err.println("usage: Topics create BOOTSTRAP PARTITIONS TOPIC... | Topics count BOOTSTRAP TOPIC");
            System.exit(2);
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[1]);
        try (Admin admin = Admin.create(props)) {
            switch (args[0]) {
                case "create" -> {
                    int partitions = Integer.parseInt(args[2]);
                    List<NewTopic> topics = new ArrayList<>();
                    for (int i = 3; i < args.length; i++) {
                        topics.add(new NewTopic(args[i], partitions, (short) 1));
                    }
                    admin.createTopics(topics).all().get();
                }
                case "count" -> System.out.println(count(admin, args[2]));
                default -> {
                    System.err.println("unknown command " + args[0]);
                    System.exit(2);
                }
            }
        }
    }

    private static long count(Admin admin, String topic) throws InterruptedException, ExecutionException {
        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (TopicPartitionInfo partition : description.partitions()) {
            request.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
        }
        long total = 0;
        for (var info : admin.listOffsets(request).all().get().values()) {
            total += info.offset();
        }
        return total;
    }
}
