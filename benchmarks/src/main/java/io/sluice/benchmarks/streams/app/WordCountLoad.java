package io.sluice.benchmarks.streams.app;

import io.sluice.benchmarks.streams.StreamsBenchData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The word-count input of the end-to-end benchmark, the same for both systems: {@code lines} lines of
 * {@link StreamsBenchData} (seeded, so the Kafka Streams and the Sluice run see the same records), the final count
 * of every word they hold, and the kafka-clients code that creates the topics and pre-loads the lines before an
 * app starts. Only kafka-clients, so it runs unchanged against either broker.
 *
 * <p>Threading: not thread-safe; one driver thread uses it.
 */
final class WordCountLoad {
    private final String[] lines;

    private WordCountLoad(String[] lines) {
        this.lines = lines;
    }

    /** The first {@code total} lines of the seeded sequence. */
    static WordCountLoad generate(int total) {
        return new WordCountLoad(StreamsBenchData.lines(total, StreamsBenchData.SEED));
    }

    /** The count of every word after the first {@code upTo} lines were processed. */
    Map<String, Long> expectedCounts(int upTo) {
        return counts(0, upTo);
    }

    /**
     * The counts, after the first {@code to} lines, of the words that lines {@code from} to {@code to} hold: the
     * updates those lines cause.
     */
    Map<String, Long> expectedUpdates(int from, int to) {
        Map<String, Long> all = counts(0, to);
        Map<String, Long> updated = new HashMap<>();
        counts(from, to).keySet().forEach(word -> updated.put(word, all.get(word)));
        return updated;
    }

    private Map<String, Long> counts(int from, int to) {
        Map<String, Long> counts = new HashMap<>();
        for (int i = from; i < to; i++) {
            for (String word : lines[i].split(" ")) {
                counts.merge(word, 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Creates the topics with {@code partitions} partitions each (an existing topic is left as it is). */
    static void createTopics(String bootstrap, int partitions, String... topics) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + topic + " on " + bootstrap, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics on " + bootstrap, e);
        }
    }

    /**
     * Produces lines {@code from} to {@code to} (null keys, so the default partitioner spreads them over the
     * partitions) and waits until the broker acknowledged all of them.
     *
     * @return the producer's records/s, from the first send to the last acknowledgement
     */
    double produce(String bootstrap, String topic, int from, int to) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer =
                 new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < to; i++) {
                producer.send(new ProducerRecord<>(topic, null, lines[i]), (metadata, error) -> {
                    if (error != null) {
                        throw new IllegalStateException("Producing to " + topic + " on " + bootstrap + " failed", error);
                    }
                });
            }
            producer.flush();
        }
        return (to - from) / ((System.nanoTime() - start) / 1e9);
    }
}
