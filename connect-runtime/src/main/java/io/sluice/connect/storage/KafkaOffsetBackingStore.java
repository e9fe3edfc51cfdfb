package io.sluice.connect.storage;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code offset.storage.topic}: source offsets in a compacted topic, Kafka Connect's layout (see
 * {@link OffsetCodec}), so the last value per key is the offset and a null value (tombstone) removes it.
 *
 * <p>{@link #start} creates the topic when missing ({@code cleanup.policy=compact}) and reads it from the
 * beginning to its end offsets; after that this worker is the only writer (standalone), so the in-memory map is
 * kept current by {@link #set}, which waits for every write to be acknowledged ({@code acks=all}).
 *
 * <p>Threading: thread-safe; {@link #set} calls are serialised on this store.
 */
public final class KafkaOffsetBackingStore implements OffsetBackingStore {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaOffsetBackingStore.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final String topic;
    private final int partitions;
    private final short replicationFactor;
    private final Map<String, Object> clientProps;
    private final Map<ByteBuffer, ByteBuffer> data = new HashMap<>();
    private Producer<byte[], byte[]> producer;

    /**
     * @param clientProps bootstrap.servers plus any client settings shared by the store's admin, consumer and
     *     producer
     * @param replicationFactor -1 for the broker's default
     */
    public KafkaOffsetBackingStore(String topic, int partitions, short replicationFactor,
                                   Map<String, Object> clientProps) {
        this.topic = topic;
        this.partitions = partitions;
        this.replicationFactor = replicationFactor;
        this.clientProps = Map.copyOf(clientProps);
    }

    @Override
    public synchronized void start() {
        createTopicIfMissing();
        readToEnd();
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "connect-offsets-writer");
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        LOG.info("Loaded {} source offsets from topic '{}'", data.size(), topic);
    }

    private void createTopicIfMissing() {
        try (Admin admin = Admin.create(clientProps)) {
            Optional<Short> rf = replicationFactor < 0 ? Optional.empty() : Optional.of(replicationFactor);
            NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), rf)
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            admin.createTopics(List.of(newTopic)).all().get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info("Created offset topic '{}' with {} partitions", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new ConnectException("Cannot create offset topic '" + topic + "'", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while creating offset topic '" + topic + "'", e);
        } catch (TimeoutException e) {
            throw new ConnectException("Timed out creating offset topic '" + topic + "'", e);
        }
    }

    private void readToEnd() {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "connect-offsets-reader");
        try (Consumer<byte[], byte[]> consumer =
                 new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, READ_TIMEOUT)) {
                assigned.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reachedEnd(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new ConnectException("Timed out reading offset topic '" + topic + "' to its end " + end);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key() == null) {
                        continue;
                    }
                    if (record.value() == null) {
                        data.remove(ByteBuffer.wrap(record.key()));
                    } else {
                        data.put(ByteBuffer.wrap(record.key()), ByteBuffer.wrap(record.value()));
                    }
                }
            }
        }
    }

    private static boolean reachedEnd(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized ByteBuffer get(ByteBuffer key) {
        return data.get(key);
    }

    @Override
    public synchronized Map<ByteBuffer, ByteBuffer> all() {
        return Map.copyOf(data);
    }

    @Override
    public synchronized void set(Map<ByteBuffer, ByteBuffer> values) {
        List<Future<?>> sends = new ArrayList<>();
        values.forEach((key, value) -> sends.add(producer.send(
            new ProducerRecord<>(topic, OffsetCodec.bytes(key), value == null ? null : OffsetCodec.bytes(value)))));
        try {
            for (Future<?> send : sends) {
                send.get(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw new ConnectException("Cannot write offsets to topic '" + topic + "'", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while writing offsets to topic '" + topic + "'", e);
        } catch (TimeoutException e) {
            throw new ConnectException("Timed out writing offsets to topic '" + topic + "'", e);
        }
        values.forEach((key, value) -> {
            if (value == null) {
                data.remove(key);
            } else {
                data.put(key, value);
            }
        });
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
