package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.ValueAndTimestamp;
import io.sluice.streams.test.TestRecord;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** DSL tables keep each value's timestamp; a stream aggregate is as recent as its latest record. */
class TableTimestampsTest {
    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void aStreamAggregateKeepsTheLatestTimestampOfItsRecords(Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count(Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("clicks").withStoreType(storeType))
            .toStream().to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> clicks = driver.createInputTopic("clicks", new StringSerializer(),
                new StringSerializer());
            clicks.pipeInput("u", "a", 10);
            clicks.pipeInput("u", "b", 5);     // out of order: the aggregate stays at 10
            clicks.pipeInput("u", "c", 20);
            assertThat(driver.createOutputTopic("counts", new StringDeserializer(), new LongDeserializer())
                .readRecordsToList()).containsExactly(new TestRecord<>("u", 1L, null, 10L),
                new TestRecord<>("u", 2L, null, 10L), new TestRecord<>("u", 3L, null, 20L));
            KeyValueStore<String, ValueAndTimestamp<Long>> store = driver.getTimestampedKeyValueStore("clicks");
            assertThat(store.get("u")).isEqualTo(ValueAndTimestamp.make(3L, 20));
            KeyValueStore<String, Long> plain = driver.getKeyValueStore("clicks");
            plain.put("v", 7L);                // a write through the plain view is stamped with stream time
            assertThat(store.get("v")).isEqualTo(ValueAndTimestamp.make(7L, 20));
        }
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void aSourceTableKeepsEachValuesOwnTimestamp(Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.table("prices", Consumed.with(Serdes.String(), Serdes.Long()),
            Materialized.<String, Long, KeyValueStore<Bytes, byte[]>>as("prices").withStoreType(storeType));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, Long> prices = driver.createInputTopic("prices", new StringSerializer(),
                new org.apache.kafka.common.serialization.LongSerializer());
            prices.pipeInput("a", 1L, 30);
            prices.pipeInput("a", 2L, 25);     // a table takes the latest update, whatever its timestamp
            KeyValueStore<String, ValueAndTimestamp<Long>> store = driver.getTimestampedKeyValueStore("prices");
            assertThat(store.get("a")).isEqualTo(ValueAndTimestamp.make(2L, 25));
        }
    }
}
