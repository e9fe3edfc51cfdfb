package io.sluice.streams.kstream;

import static io.sluice.streams.kstream.WindowedTopologies.dropped;
import static io.sluice.streams.kstream.WindowedTopologies.read;
import static io.sluice.streams.kstream.WindowedTopologies.toOutput;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.KeyValue;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.SessionStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Session windows: merging, tombstones of merged sessions, out-of-order records, grace and late drops. */
class SessionWindowsTest {
    private static final SessionWindows GAP_10_GRACE_5 =
        SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(10), Duration.ofMillis(5));

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void sessionsMergeAndForwardTombstonesForMergedSessionsAndDropLateRecords(Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        toOutput(builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(GAP_10_GRACE_5)
            .count(Materialized.<String, Long, SessionStore<Bytes, byte[]>>as("sessions").withStoreType(storeType)
                .withCachingDisabled()), "out");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                new StringSerializer());
            in.pipeInput("a", "v", 0L);
            in.pipeInput("a", "v", 5L);   // within the gap: extends [0,0] to [0,5]
            in.pipeInput("a", "v", 20L);  // a new session; close time 20 - 10 - 5 = 5
            in.pipeInput("a", "v", 3L);   // out of order, inside [0,5]
            in.pipeInput("a", "v", 14L);  // bridges [0,5] and [20,20]
            in.pipeInput("a", "v", 40L);  // close time 25
            in.pipeInput("a", "v", 9L);   // its session would end before close time: dropped

            assertThat(read(driver, "out")).containsExactly(
                "a@0/0=1@0",
                "a@0/0=null@0", "a@0/5=2@5",
                "a@20/20=1@20",
                "a@0/5=null@5", "a@0/5=3@5",
                "a@0/5=null@5", "a@20/20=null@20", "a@0/20=5@20",
                "a@40/40=1@40");
            assertThat(dropped(driver)).isEqualTo(1.0);
            SessionStore<String, Long> store = driver.getSessionStore("sessions");
            List<KeyValue<Windowed<String>, Long>> sessions = new ArrayList<>();
            try (KeyValueIterator<Windowed<String>, Long> all = store.fetch("a")) {
                all.forEachRemaining(sessions::add);
            }
            assertThat(sessions).extracting(kv -> kv.key.window().start() + "/" + kv.key.window().end() + "=" + kv.value)
                .containsExactly("40/40=1"); // [0,20] ended more than gap + grace before stream time: expired
        }
    }

    @Test
    void reduceMergesSessionsWithTheReducerAndKeepsKeysApart() {
        StreamsBuilder builder = new StreamsBuilder();
        toOutput(builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapAndGrace(Duration.ofMillis(10), Duration.ofMillis(10)))
            .reduce((left, right) -> left + right, Named.as("concat"),
                Materialized.<String, String, SessionStore<Bytes, byte[]>>with(Serdes.String(), Serdes.String())
                    .withCachingDisabled()), "out");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                new StringSerializer());
            in.pipeInput("a", "x", 0L);
            in.pipeInput("b", "q", 2L);
            in.pipeInput("a", "z", 20L);
            in.pipeInput("a", "y", 10L); // within the gap of both [0,0] and [20,20]: merges them in time order

            assertThat(read(driver, "out")).containsExactly(
                "a@0/0=x@0", "b@2/2=q@2", "a@20/20=z@20",
                "a@0/0=null@0", "a@20/20=null@20", "a@0/20=xzy@20");
        }
    }

    @Test
    void onWindowCloseEmitsEachSessionOnceWhenItCloses() {
        StreamsBuilder builder = new StreamsBuilder();
        toOutput(builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(10)))
            .emitStrategy(EmitStrategy.onWindowClose())
            .reduce((left, right) -> left + right,
                Materialized.with(Serdes.String(), Serdes.String())), "out");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                new StringSerializer());
            in.pipeInput("a", "x", 0L);
            in.pipeInput("a", "y", 5L);
            in.pipeInput("b", "q", 6L);
            in.pipeInput("a", "z", 30L); // close time 20: [0,5] and [6,6] are final
            assertThat(read(driver, "out")).containsExactly("a@0/5=xy@5", "b@6/6=q@6");
            in.pipeInput("a", "w", 35L); // close time 25: nothing new closed
            in.pipeInput("c", "r", 50L); // close time 40: [30,35] is final
            assertThat(read(driver, "out")).containsExactly("a@30/35=zw@35");
        }
    }
}
