package io.sluice.streams;

import io.sluice.streams.test.TestRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads, in order, what a {@link TopologyTestDriver}'s topology wrote to one topic; each record is read once.
 *
 * <p>Threading: the test's thread, like the driver.
 */
public class TestOutputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Deserializer<K> keyDeserializer;
    private final Deserializer<V> valueDeserializer;

    TestOutputTopic(TopologyTestDriver driver, String topic, Deserializer<K> keyDeserializer,
                    Deserializer<V> valueDeserializer) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.keyDeserializer = Objects.requireNonNull(keyDeserializer, "keyDeserializer");
        this.valueDeserializer = Objects.requireNonNull(valueDeserializer, "valueDeserializer");
    }

    /** @throws NoSuchElementException when nothing is left to read */
    public TestRecord<K, V> readRecord() {
        ProducerRecord<byte[], byte[]> raw = driver.readOutput(topic);
        if (raw == null) {
            throw new NoSuchElementException("Empty topic: " + topic);
        }
        K key = keyDeserializer.deserialize(topic, raw.headers(), raw.key());
        V value = valueDeserializer.deserialize(topic, raw.headers(), raw.value());
        return new TestRecord<>(key, value, raw.headers(), raw.timestamp());
    }

    public V readValue() {
        return readRecord().value();
    }

    public KeyValue<K, V> readKeyValue() {
        TestRecord<K, V> record = readRecord();
        return new KeyValue<>(record.key(), record.value());
    }

    public List<TestRecord<K, V>> readRecordsToList() {
        List<TestRecord<K, V>> out = new ArrayList<>();
        while (!isEmpty()) {
            out.add(readRecord());
        }
        return out;
    }

    public List<V> readValuesToList() {
        List<V> out = new ArrayList<>();
        while (!isEmpty()) {
            out.add(readValue());
        }
        return out;
    }

    public List<KeyValue<K, V>> readKeyValuesToList() {
        List<KeyValue<K, V>> out = new ArrayList<>();
        while (!isEmpty()) {
            out.add(readKeyValue());
        }
        return out;
    }

    /**
     * The latest value per key (a {@code null} value removes the key), like a table read from the topic.
     *
     * @throws IllegalStateException for a record with a {@code null} key
     */
    public Map<K, V> readKeyValuesToMap() {
        Map<K, V> out = new LinkedHashMap<>();
        while (!isEmpty()) {
            TestRecord<K, V> record = readRecord();
            if (record.key() == null) {
                throw new IllegalStateException("Null keys are not allowed with readKeyValuesToMap (topic " + topic
                    + ")");
            }
            if (record.value() == null) {
                out.remove(record.key());
            } else {
                out.put(record.key(), record.value());
            }
        }
        return out;
    }

    public long getQueueSize() {
        return driver.outputSize(topic);
    }

    public boolean isEmpty() {
        return getQueueSize() == 0;
    }

    @Override
    public String toString() {
        return "TestOutputTopic[topic=" + topic + ", size=" + getQueueSize() + "]";
    }
}
