package io.sluice.benchmarks.streams.app;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the counts topic (assigned partitions, no group) from its beginning or its current end, and tells when every word has reached
 * its expected final count: the end of an end-to-end run. Counts only grow, so a word whose latest count equals
 * its expected count is done; a count above it means the app counted a record twice, which fails the run.
 *
 * <p>Threading: not thread-safe; the driver thread calls {@link #awaitCounts} while the app runs on its own
 * threads.
 */
final class CountsWatcher implements AutoCloseable {
    private final String topic;
    private final KafkaConsumer<String, Long> consumer;
    private final Map<String, Long> latest = new HashMap<>();

    /**
     * @param fromEnd read only what is written from now on (positions fixed before this returns), not the history:
     *                after a restart, older updates would hide the new ones
     */
    CountsWatcher(String bootstrap, String topic, boolean fromEnd) {
        this.topic = topic;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new LongDeserializer());
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("Topic " + topic + " does not exist on " + bootstrap);
        }
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(assigned);
        if (fromEnd) {
            consumer.seekToEnd(assigned);
            assigned.forEach(consumer::position);
        } else {
            consumer.seekToBeginning(assigned);
        }
    }

    /**
     * Polls until every word of {@code expected} has its expected count.
     *
     * @param floor counts the app must not go below (those it had before a restart): a count below its floor means
     *              the app lost its state, and fails the wait at once rather than at the timeout
     * @return {@link System#nanoTime()} when the last expected update was seen
     * @throws IllegalStateException when a count goes above the expected one or below its floor, or {@code timeout}
     *                               passes (naming how many words are still short)
     */
    long awaitCounts(Map<String, Long> expected, Map<String, Long> floor, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int done = 0;
        for (Map.Entry<String, Long> entry : expected.entrySet()) {
            if (entry.getValue().equals(latest.get(entry.getKey()))) {
                done++;
            }
        }
        while (done < expected.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Topic " + topic + ": " + (expected.size() - done) + " of "
                    + expected.size() + " words short of their expected counts after " + timeout);
            }
            for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(100))) {
                Long want = expected.get(record.key());
                if (want == null) {
                    throw new IllegalStateException("Topic " + topic + ": unexpected word '" + record.key() + "'");
                }
                if (record.value() > want) {
                    throw new IllegalStateException("Topic " + topic + ": word '" + record.key() + "' counted "
                        + record.value() + " times, expected " + want + " (a record processed twice)");
                }
                if (record.value() < floor.getOrDefault(record.key(), 0L)) {
                    throw new IllegalStateException("Topic " + topic + ": word '" + record.key() + "' counted "
                        + record.value() + " times, below the " + floor.get(record.key())
                        + " it had before the restart (state lost)");
                }
                Long before = latest.put(record.key(), record.value());
                if (record.value().equals(want) && !want.equals(before)) {
                    done++;
                }
            }
        }
        return System.nanoTime();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
