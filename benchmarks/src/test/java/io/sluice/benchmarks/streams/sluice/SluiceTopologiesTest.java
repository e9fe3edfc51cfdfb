package io.sluice.benchmarks.streams.sluice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.sluice.benchmarks.streams.StoreType;
import io.sluice.benchmarks.streams.StreamsBenchData;
import io.sluice.streams.KeyValue;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.kstream.Windowed;
import io.sluice.streams.kstream.WindowedSerdes;
import java.util.List;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The baseline topologies compute what they claim to, on both store types: a fast benchmark of a wrong topology is
 * worthless.
 */
class SluiceTopologiesTest {
    private static final long T0 = StreamsBenchData.START_MS;

    @ParameterizedTest
    @EnumSource(StoreType.class)
    void shouldCountWordsAcrossLines(StoreType storeType) {
        try (DriverHarness harness = new DriverHarness("test-wordcount", WordCountTopology.build(storeType),
                WordCountTopology.OUTPUT)) {
            harness.checkStoreType(storeType);
            TestInputTopic<String, String> lines = harness.driver().createInputTopic(WordCountTopology.INPUT,
                new StringSerializer(), new StringSerializer());
            lines.pipeInput("ba ce ba");
            lines.pipeInput("ce ba");

            List<KeyValue<String, Long>> counts = harness.driver().createOutputTopic(WordCountTopology.OUTPUT,
                new StringDeserializer(), new LongDeserializer()).readKeyValuesToList();

            assertThat(counts).containsExactly(KeyValue.pair("ba", 1L), KeyValue.pair("ce", 1L),
                KeyValue.pair("ba", 2L), KeyValue.pair("ce", 2L), KeyValue.pair("ba", 3L));
            assertThat(harness.drainInternalTopics()).isPositive();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreType.class)
    void shouldCountClicksPerUserPerMinuteAndDropNothingOnTime(StoreType storeType) {
        try (DriverHarness harness = new DriverHarness("test-windowed", WindowedCountTopology.build(storeType),
                WindowedCountTopology.OUTPUT)) {
            harness.checkStoreType(storeType);
            TestInputTopic<String, String> clicks = harness.driver().createInputTopic(WindowedCountTopology.INPUT,
                new StringSerializer(), new StringSerializer());
            clicks.pipeInput("user-1", "/p/1", T0);
            clicks.pipeInput("user-1", "/p/2", T0 + 59_999);
            clicks.pipeInput("user-1", "/p/3", T0 + 60_000);

            List<KeyValue<Windowed<String>, Long>> counts = harness.driver().createOutputTopic(
                WindowedCountTopology.OUTPUT,
                WindowedSerdes.timeWindowedSerdeFrom(String.class, WindowedCountTopology.WINDOW.toMillis())
                    .deserializer(),
                new LongDeserializer()).readKeyValuesToList();

            assertThat(counts).extracting(kv -> kv.key.window().start(), kv -> kv.value)
                .containsExactly(tuple(T0, 1L), tuple(T0, 2L),
                    tuple(T0 + 60_000, 1L));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreType.class)
    void shouldEnrichClicksWithTheUsersRegion(StoreType storeType) {
        try (DriverHarness harness = new DriverHarness("test-join", StreamTableJoinTopology.build(storeType),
                StreamTableJoinTopology.OUTPUT)) {
            harness.checkStoreType(storeType);
            harness.driver().createInputTopic(StreamTableJoinTopology.USERS, new StringSerializer(),
                new StringSerializer()).pipeInput("user-1", "eu-west", T0 - 1);
            TestInputTopic<String, String> clicks = harness.driver().createInputTopic(StreamTableJoinTopology.CLICKS,
                new StringSerializer(), new StringSerializer());
            clicks.pipeInput("user-1", "/p/1", T0);
            clicks.pipeInput("user-2", "/p/2", T0 + 1);

            List<KeyValue<String, String>> enriched = harness.driver().createOutputTopic(
                StreamTableJoinTopology.OUTPUT, new StringDeserializer(), new StringDeserializer())
                .readKeyValuesToList();

            assertThat(enriched).containsExactly(KeyValue.pair("user-1", "eu-west|/p/1"));
        }
    }

    @Test
    void shouldDropStaticPagesAndUpperCaseTheRest() {
        try (DriverHarness harness = new DriverHarness("test-stateless", StatelessTopology.build(),
                StatelessTopology.OUTPUT)) {
            TestInputTopic<String, String> clicks = harness.driver().createInputTopic(StatelessTopology.INPUT,
                new StringSerializer(), new StringSerializer());
            clicks.pipeInput("user-1", "/static/1", T0);
            clicks.pipeInput("user-1", "/p/abc", T0 + 1);

            List<KeyValue<String, String>> views = harness.driver().createOutputTopic(StatelessTopology.OUTPUT,
                new StringDeserializer(), new StringDeserializer()).readKeyValuesToList();

            assertThat(views).containsExactly(KeyValue.pair("user-1", "/P/ABC"));
        }
    }
}
