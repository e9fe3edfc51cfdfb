package io.sluice.streams;

import io.sluice.streams.test.TestRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Pipes records into one topic of a {@link TopologyTestDriver}; each pipe call processes the record completely
 * (including what it causes downstream) before it returns. Records without a time get the topic's current time,
 * which then advances by the auto-advance step.
 *
 * <p>Threading: the test's thread, like the driver.
 */
public class TestInputTopic<K, V> {
    private final TopologyTestDriver driver;
    private final String topic;
    private final Serializer<K> keySerializer;
    private final Serializer<V> valueSerializer;
    private final Duration autoAdvance;
    private Instant currentTime;

    TestInputTopic(TopologyTestDriver driver, String topic, Serializer<K> keySerializer,
                   Serializer<V> valueSerializer, Instant startTime, Duration autoAdvance) {
        this.driver = Objects.requireNonNull(driver, "driver");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.keySerializer = Objects.requireNonNull(keySerializer, "keySerializer");
        this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
        if (autoAdvance.isNegative()) {
            throw new IllegalArgumentException("the auto-advance step must not be negative, got " + autoAdvance);
        }
        this.currentTime = Objects.requireNonNull(startTime, "startTime");
        this.autoAdvance = autoAdvance;
    }

    /** Moves this topic's current time forward. */
    public void advanceTime(Duration advance) {
        if (advance.isNegative()) {
            throw new IllegalArgumentException("time only moves forward; got " + advance);
        }
        currentTime = currentTime.plus(advance);
    }

    public void pipeInput(TestRecord<K, V> record) {
        Instant time = record.getRecordTime();
        if (time == null) {
            time = currentTime;
            currentTime = currentTime.plus(autoAdvance);
        }
        driver.pipeRecord(topic, record, keySerializer, valueSerializer, time);
    }

    public void pipeInput(V value) {
        pipeInput(new TestRecord<>(value));
    }

    public void pipeInput(K key, V value) {
        pipeInput(new TestRecord<>(key, value));
    }

    public void pipeInput(V value, Instant timestamp) {
        pipeInput(new TestRecord<>(null, value, timestamp));
    }

    public void pipeInput(K key, V value, long timestampMs) {
        pipeInput(new TestRecord<>(key, value, null, timestampMs));
    }

    public void pipeInput(K key, V value, Instant timestamp) {
        pipeInput(new TestRecord<>(key, value, timestamp));
    }

    public void pipeRecordList(List<? extends TestRecord<K, V>> records) {
        records.forEach(this::pipeInput);
    }

    public void pipeKeyValueList(List<KeyValue<K, V>> keyValues) {
        keyValues.forEach(kv -> pipeInput(kv.key, kv.value));
    }

    public void pipeValueList(List<V> values) {
        values.forEach(this::pipeInput);
    }

    public void pipeKeyValueList(List<KeyValue<K, V>> keyValues, Instant startTime, Duration advance) {
        Instant time = startTime;
        for (KeyValue<K, V> kv : keyValues) {
            pipeInput(kv.key, kv.value, time);
            time = time.plus(advance);
        }
    }

    public void pipeValueList(List<V> values, Instant startTime, Duration advance) {
        Instant time = startTime;
        for (V value : values) {
            pipeInput(value, time);
            time = time.plus(advance);
        }
    }

    @Override
    public String toString() {
        return "TestInputTopic[topic=" + topic + ", currentTime=" + currentTime + "]";
    }
}
