package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.KeyValue;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TestOutputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.ValueAndTimestamp;
import io.sluice.streams.test.TestRecord;
import java.util.List;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Primary-key table-table joins: results, tombstones and timestamps as Kafka Streams emits them. */
class TableTableJoinTest {
    private static final Consumed<String, String> STRINGS = Consumed.with(Serdes.String(), Serdes.String());
    private static final ValueJoiner<String, String, String> JOINER = (left, right) -> left + "+" + right;

    private interface Join extends BiFunction<KTable<String, String>, KTable<String, String>, KTable<String, String>> {
    }

    private static final class Fixture implements AutoCloseable {
        final TopologyTestDriver driver;
        final TestInputTopic<String, String> left;
        final TestInputTopic<String, String> right;
        final TestOutputTopic<String, String> out;

        Fixture(Join join) {
            StreamsBuilder builder = new StreamsBuilder();
            KTable<String, String> leftTable = builder.table("left", STRINGS);
            KTable<String, String> rightTable = builder.table("right", STRINGS);
            join.apply(leftTable, rightTable).toStream().to("out", Produced.with(Serdes.String(), Serdes.String()));
            driver = new TopologyTestDriver(builder.build());
            left = driver.createInputTopic("left", new StringSerializer(), new StringSerializer());
            right = driver.createInputTopic("right", new StringSerializer(), new StringSerializer());
            out = driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer());
        }

        List<TestRecord<String, String>> output() {
            return out.readRecordsToList();
        }

        @Override
        public void close() {
            driver.close();
        }
    }

    private static TestRecord<String, String> record(String key, String value, long timestamp) {
        return new TestRecord<>(key, value, null, timestamp);
    }

    @Test
    void innerJoinEmitsWhileBothSidesHaveAValueAndATombstoneWhenOneGoes() {
        try (Fixture f = new Fixture((l, r) -> l.join(r, JOINER))) {
            f.left.pipeInput("a", "L1", 10);
            f.right.pipeInput("a", "R1", 5);     // joins: timestamp is the later of both sides
            f.left.pipeInput("a", "L2", 3);      // out of order left update: still max(3, 5)
            f.right.pipeInput("b", "Rb", 20);    // no left side: nothing
            f.right.pipeInput("a", null, 30);    // right side deleted: tombstone
            f.left.pipeInput("a", "L3", 40);     // right side absent: nothing
            f.right.pipeInput("a", "R2", 50);
            f.left.pipeInput("a", null, 60);     // left side deleted: tombstone
            assertThat(f.output()).containsExactly(record("a", "L1+R1", 10), record("a", "L2+R1", 5),
                record("a", null, 30), record("a", "L3+R2", 50), record("a", null, 60));
        }
    }

    @Test
    void leftJoinEmitsForEveryLeftValueWithNullForAMissingRightSide() {
        try (Fixture f = new Fixture((l, r) -> l.leftJoin(r, JOINER))) {
            f.right.pipeInput("a", "R0", 1);     // no left side: nothing
            f.left.pipeInput("a", "L1", 10);
            f.right.pipeInput("a", "R1", 15);
            f.right.pipeInput("a", null, 20);    // right side deleted: back to joiner(left, null)
            f.left.pipeInput("a", null, 30);     // left side deleted: tombstone
            f.right.pipeInput("a", "R2", 40);    // no left side: nothing
            assertThat(f.output()).containsExactly(record("a", "L1+R0", 10), record("a", "L1+R1", 15),
                record("a", "L1+null", 20), record("a", null, 30));
        }
    }

    @Test
    void outerJoinEmitsWhileEitherSideHasAValue() {
        try (Fixture f = new Fixture((l, r) -> l.outerJoin(r, JOINER))) {
            f.right.pipeInput("a", "R1", 5);
            f.left.pipeInput("a", "L1", 10);
            f.right.pipeInput("a", null, 20);
            f.left.pipeInput("a", null, 30);     // both sides gone: tombstone
            f.left.pipeInput("b", "Lb", 40);
            assertThat(f.output()).containsExactly(record("a", "null+R1", 5), record("a", "L1+R1", 10),
                record("a", "L1+null", 20), record("a", null, 30), record("b", "Lb+null", 40));
        }
    }

    @Test
    void aFilteredSideDropsOutOfTheJoinLikeADeletion() {
        try (Fixture f = new Fixture((l, r) -> l.filter((key, value) -> !value.startsWith("x")).join(r, JOINER))) {
            f.left.pipeInput("a", "L1", 1);
            f.right.pipeInput("a", "R1", 2);
            f.left.pipeInput("a", "xL2", 3);
            assertThat(f.output()).containsExactly(record("a", "L1+R1", 2), record("a", null, 3));
        }
    }

    @Test
    void joinsOfJoinsReadTheUnmaterializedResultThroughItsValueGetter() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> a = builder.table("a", STRINGS);
        KTable<String, String> b = builder.table("b", STRINGS);
        KTable<String, String> c = builder.table("c", STRINGS);
        a.join(b, JOINER).join(c, JOINER).toStream().to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            driver.createInputTopic("a", new StringSerializer(), new StringSerializer()).pipeInput("k", "A", 1);
            driver.createInputTopic("b", new StringSerializer(), new StringSerializer()).pipeInput("k", "B", 2);
            driver.createInputTopic("c", new StringSerializer(), new StringSerializer()).pipeInput("k", "C", 3);
            TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(),
                new StringDeserializer());
            assertThat(out.readRecordsToList()).containsExactly(record("k", "A+B+C", 3));
        }
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void aMaterializedResultIsQueryableWithTimestamps(Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> left = builder.table("left", STRINGS);
        KTable<String, String> right = builder.table("right", STRINGS);
        KTable<String, String> joined = left.join(right, JOINER, Named.as("users-join"),
            Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("joined")
                .withValueSerde(Serdes.String()).withStoreType(storeType));
        joined.toStream().to("out", Produced.with(Serdes.String(), Serdes.String()));
        assertThat(joined.queryableStoreName()).isEqualTo("joined");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> leftIn = driver.createInputTopic("left", new StringSerializer(),
                new StringSerializer());
            TestInputTopic<String, String> rightIn = driver.createInputTopic("right", new StringSerializer(),
                new StringSerializer());
            leftIn.pipeInput("a", "L1", 10);
            rightIn.pipeInput("a", "R1", 7);
            leftIn.pipeInput("b", "Lb", 1);
            rightIn.pipeInput("b", "Rb", 2);
            rightIn.pipeInput("b", null, 3);
            KeyValueStore<String, ValueAndTimestamp<String>> store = driver.getTimestampedKeyValueStore("joined");
            assertThat(store.get("a")).isEqualTo(ValueAndTimestamp.make("L1+R1", 10));
            assertThat(store.get("b")).isNull();
            assertThat(driver.<String, String>getKeyValueStore("joined").get("a")).isEqualTo("L1+R1");
            assertThat(driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer())
                .readKeyValuesToList()).containsExactly(KeyValue.pair("a", "L1+R1"), KeyValue.pair("b", "Lb+Rb"),
                KeyValue.pair("b", null));
        }
        assertThat(builder.build().describe().toString()).contains("users-join-join-this", "users-join-join-other");
    }
}
