package io.sluice.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Prints a topic's records to stdout, one line each: {@code key<TAB>value}, or just the value when the key is
 * null (a null value prints as {@code null}). Keys and values are decoded as UTF-8.
 *
 * <p>Without {@code --group} it needs no consumer group: it assigns itself every partition and seeks to the
 * beginning or the end. With {@code --group} it subscribes in that group and commits exactly the offsets it has
 * printed (so {@code --max} never skips a record for the group's next reader); {@code --from-beginning} then
 * only applies when the group has no committed offset yet, as in Kafka.
 *
 * <p>Stops after {@code --max} records, after {@code --timeout-ms} without a record, or on Ctrl-C/SIGTERM (a
 * shutdown hook wakes the poll so the group's offsets are committed before the JVM exits).
 */
@Command(name = "consume", mixinStandardHelpOptions = true,
    description = "Print a topic's records to stdout, one per line (key<TAB>value or value).")
public final class ConsumeCommand implements Callable<Integer> {
    private static final long MAX_POLL_MS = 500;

    @Parameters(paramLabel = "TOPIC", description = "Topic to read.")
    String topic;

    @Mixin
    ClientOptions client;

    @Option(names = "--from-beginning",
        description = "Start at the oldest record (with --group: when the group has no committed offset).")
    boolean fromBeginning;

    @Option(names = "--group", paramLabel = "G", description = "Consume in this consumer group and commit offsets.")
    String group;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
    Long max;

    @Option(names = "--timeout-ms", paramLabel = "T",
        description = "Stop after T ms without a record. Default: run until Ctrl-C (or --max).")
    Long timeoutMs;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (max != null && max < 0) {
            throw CliException.usage("--max must not be negative, not " + max);
        }
        if (timeoutMs != null && timeoutMs < 1) {
            throw CliException.usage("--timeout-ms must be at least 1, not " + timeoutMs);
        }
        PrintWriter out = spec.commandLine().getOut();
        long printed = 0;
        CountDownLatch closed = new CountDownLatch(1);
        Consumer<String, String> consumer = consumer();
        Thread hook = new Thread(() -> {
            consumer.wakeup();
            try {
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sluice-consume-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            start(consumer);
            long lastRecordNanos = System.nanoTime();
            Map<TopicPartition, OffsetAndMetadata> toCommit = new HashMap<>();
            while (max == null || printed < max) {
                long pollMs = MAX_POLL_MS;
                if (timeoutMs != null) {
                    long idleMs = (System.nanoTime() - lastRecordNanos) / 1_000_000;
                    if (idleMs >= timeoutMs) {
                        break;
                    }
                    pollMs = Math.min(pollMs, timeoutMs - idleMs);
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(pollMs))) {
                    out.println(format(record));
                    printed++;
                    lastRecordNanos = System.nanoTime();
                    toCommit.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
                    if (max != null && printed >= max) {
                        break;
                    }
                }
                out.flush();
                commit(consumer, toCommit);
            }
        } catch (WakeupException e) {
            // Ctrl-C: stop reading; what was printed is committed below.
        } catch (KafkaException e) {
            throw new CliException(CliException.FAILURE, "Consuming " + topic + " failed after " + printed
                + " records: " + ClientErrors.describe(e), e);
        } finally {
            out.flush();
            try {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            } finally {
                closed.countDown();
                removeHook(hook);
            }
        }
        return 0;
    }

    /** Assigns every partition and seeks (no group), or subscribes (group). */
    private void start(Consumer<String, String> consumer) {
        if (group != null) {
            consumer.subscribe(List.of(topic));
            return;
        }
        Duration metadataTimeout = Duration.ofMillis(timeoutMs == null ? 30_000 : Math.max(timeoutMs, 1_000));
        List<PartitionInfo> infos;
        try {
            infos = consumer.partitionsFor(topic, metadataTimeout);
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw ClientErrors.unreachable(client.bootstrapServer, metadataTimeout.toMillis(),
                "read the partitions of " + topic);
        }
        if (infos == null || infos.isEmpty()) {
            throw CliException.failure("Topic '" + topic + "' does not exist");
        }
        List<TopicPartition> partitions = infos.stream()
            .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        // Seeks are lazy: resolve them now, so "the end" means the end when the command started.
        partitions.forEach(consumer::position);
    }

    private void commit(Consumer<String, String> consumer, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (group != null && !offsets.isEmpty()) {
            consumer.commitSync(offsets);
            offsets.clear();
        }
    }

    static String format(ConsumerRecord<String, String> record) {
        return record.key() == null ? String.valueOf(record.value()) : record.key() + "\t" + record.value();
    }

    private Consumer<String, String> consumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, client.bootstrapServer);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Reading must not create a topic by mistake (a typo would otherwise wait forever on an empty topic).
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        try {
            return new KafkaConsumer<>(props);
        } catch (KafkaException e) {
            throw CliException.usage("Cannot use --bootstrap-server '" + client.bootstrapServer + "': "
                + ClientErrors.describe(e.getCause() == null ? e : e.getCause()));
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (Ctrl-C): the hook is running and waits for us.
        }
    }
}
