package io.sluice.streams.kstream;

import static io.sluice.streams.kstream.WindowedTopologies.read;
import static io.sluice.streams.kstream.WindowedTopologies.toOutput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.state.WindowStore;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** suppress (final window results, time limits, full buffers) and emitStrategy(onWindowClose). */
class SuppressTest {
    private static TestInputTopic<String, String> input(TopologyTestDriver driver) {
        return driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void untilWindowClosesEmitsEachWindowOnceWhenStreamTimePassesEndPlusGrace(Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        toOutput(builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMillis(10), Duration.ofMillis(5)))
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts").withStoreType(storeType))
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded())), "out");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in = input(driver);
            in.pipeInput("a", "v", 1L);
            in.pipeInput("a", "v", 3L);
            in.pipeInput("b", "v", 4L);
            in.pipeInput("a", "v", 12L);
            in.pipeInput("a", "v", 8L); // out of order, within grace: [0,10) closes at 15
            assertThat(read(driver, "out")).isEmpty();
            in.pipeInput("b", "v", 16L);
            assertThat(read(driver, "out")).containsExactly("a@0/10=3@8", "b@0/10=1@4");
            in.pipeInput("a", "v", 30L);
            assertThat(read(driver, "out")).containsExactly("a@10/20=1@12", "b@10/20=1@16");
        }
    }

    @Test
    void untilWindowClosesFollowsTheGraceOfTheAggregationThroughTableOperators() {
        StreamsBuilder builder = new StreamsBuilder();
        toOutput(builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(10), Duration.ofMillis(2)))
            .count()
            .filter((key, count) -> count > 0)
            .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded()).withName("final")), "out");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in = input(driver);
            in.pipeInput("a", "v", 0L);
            in.pipeInput("a", "v", 5L);   // merges: the tombstone of [0,0] is never emitted
            in.pipeInput("b", "v", 16L);  // session [0,5] closes once stream time reaches 5 + 10 + 2
            assertThat(read(driver, "out")).isEmpty();
            in.pipeInput("b", "v", 17L);
            assertThat(read(driver, "out")).containsExactly("a@0/5=2@5");
        }
    }

    @Test
    void untilWindowClosesRejectsATableThatIsNotAWindowedAggregation() {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, Long> counts = builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey().count();
        assertThatThrownBy(() -> counts.suppress(untilWindowClosesOfAnyKey()))
            .isInstanceOf(TopologyException.class).hasMessageContaining("must follow a windowed aggregation");
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // untilWindowCloses is typed for windowed keys only
    private static Suppressed<String> untilWindowClosesOfAnyKey() {
        return (Suppressed) Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded());
    }

    @Test
    void untilTimeLimitEmitsTheLatestValueOnceTheFirstBufferedUpdateIsOldEnough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count()
            .suppress(Suppressed.untilTimeLimit(Duration.ofMillis(10), Suppressed.BufferConfig.maxRecords(100)))
            .toStream()
            .mapValues(String::valueOf)
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in = input(driver);
            in.pipeInput("a", "v", 0L);
            in.pipeInput("a", "v", 5L);  // keeps a's place (buffered at 0)
            in.pipeInput("b", "v", 6L);
            in.pipeInput("c", "v", 10L); // a's first update is 10 ms old: its latest value goes
            assertThat(read(driver, "out")).containsExactly("a=2@5");
            in.pipeInput("a", "v", 11L);
            in.pipeInput("b", "v", 30L);
            assertThat(read(driver, "out")).containsExactly("b=2@30", "c=1@10", "a=3@11");
        }
    }

    @Test
    void aFullEmitEarlyBufferEmitsItsOldestRecords() {
        try (TopologyTestDriver driver = new TopologyTestDriver(timeLimited(
            Suppressed.BufferConfig.maxRecords(1)))) {
            TestInputTopic<String, String> in = input(driver);
            in.pipeInput("a", "v", 0L);
            in.pipeInput("b", "v", 1L);
            assertThat(read(driver, "out")).containsExactly("a=1@0");
        }
    }

    @Test
    void aFullShutDownBufferFailsNamingTheSuppression() {
        try (TopologyTestDriver driver = new TopologyTestDriver(timeLimited(
            Suppressed.BufferConfig.maxRecords(1).shutDownWhenFull()))) {
            TestInputTopic<String, String> in = input(driver);
            in.pipeInput("a", "v", 0L);
            assertThatThrownBy(() -> in.pipeInput("b", "v", 1L)).isInstanceOf(StreamsException.class)
                .hasMessageContaining("limited").hasMessageContaining("exceeded its capacity: 2/1 records");
        }
    }

    private static io.sluice.streams.Topology timeLimited(Suppressed.BufferConfig<?> buffer) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .count()
            .suppress(Suppressed.<String>untilTimeLimit(Duration.ofHours(1), buffer).withName("limited"))
            .toStream()
            .mapValues(String::valueOf)
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void onWindowCloseEmitsFinalResultsInWindowStartOrderWithoutWallClockThrottling(
            Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        toOutput(builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
            .emitStrategy(EmitStrategy.onWindowClose())
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts").withStoreType(storeType)),
            "out");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in = input(driver);
            in.pipeInput("b", "v", 7L);
            in.pipeInput("a", "v", 1L);
            in.pipeInput("a", "v", 5L);
            assertThat(read(driver, "out")).isEmpty();
            in.pipeInput("a", "v", 12L); // [0,10) closes
            assertThat(read(driver, "out")).containsExactly("a@0/10=2@5", "b@0/10=1@7");
            in.pipeInput("a", "v", 15L);
            in.pipeInput("b", "v", 25L); // [10,20) closes
            assertThat(read(driver, "out")).containsExactly("a@10/20=2@15");
        }
    }
}
