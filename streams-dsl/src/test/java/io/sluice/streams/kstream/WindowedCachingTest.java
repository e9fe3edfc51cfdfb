package io.sluice.streams.kstream;

import static io.sluice.streams.kstream.WindowedTopologies.read;
import static io.sluice.streams.kstream.WindowedTopologies.toOutput;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.state.SessionStore;
import io.sluice.streams.state.WindowStore;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Caching of windowed aggregations as the driver commits (after every input record): updates of one window made
 * while processing one input record are forwarded once, with the last value, as with Kafka Streams' record cache;
 * without a cache every update is forwarded.
 */
class WindowedCachingTest {
    /** Counts the comma-separated items of each input record, one update per item, with the given windows. */
    private static TopologyTestDriver itemCounts(
            Function<KGroupedStream<String, String>, KTable<Windowed<String>, Long>> windowedCount) {
        StreamsBuilder builder = new StreamsBuilder();
        toOutput(windowedCount.apply(builder.stream("baskets", Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(basket -> List.of(basket.split(",")))
            .groupByKey()), "counts");
        return new TopologyTestDriver(builder.build());
    }

    private static Materialized<String, Long, WindowStore<Bytes, byte[]>> windowStore(Materialized.StoreType type,
                                                                                     boolean cached) {
        Materialized<String, Long, WindowStore<Bytes, byte[]>> materialized =
            Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("counts-store").withStoreType(type);
        return cached ? materialized : materialized.withCachingDisabled();
    }

    private static Materialized<String, Long, SessionStore<Bytes, byte[]>> sessionStore(Materialized.StoreType type,
                                                                                       boolean cached) {
        Materialized<String, Long, SessionStore<Bytes, byte[]>> materialized =
            Materialized.<String, Long, SessionStore<Bytes, byte[]>>as("counts-store").withStoreType(type);
        return cached ? materialized : materialized.withCachingDisabled();
    }

    private static TestInputTopic<String, String> baskets(TopologyTestDriver driver) {
        return driver.createInputTopic("baskets", new StringSerializer(), new StringSerializer());
    }

    private static final TimeWindows HOPPING = TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(2))
        .advanceBy(Duration.ofMinutes(1));

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void updatesOfOneTimeWindowMadeByOneInputRecordAreForwardedOnce(Materialized.StoreType type) {
        try (TopologyTestDriver driver = itemCounts(grouped -> grouped.windowedBy(HOPPING)
                .count(windowStore(type, true)))) {
            baskets(driver).pipeInput("alice", "apple,pear,plum", 90_000L);
            baskets(driver).pipeInput("alice", "fig", 100_000L);
            // Forwarded in the order the windows were last updated, with the latest record timestamp of each.
            assertThat(read(driver, "counts")).containsExactly(
                "alice@0/120000=3@90000", "alice@60000/180000=3@90000",
                "alice@0/120000=4@100000", "alice@60000/180000=4@100000");
        }
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void withoutACacheEveryUpdateOfATimeWindowIsForwarded(Materialized.StoreType type) {
        try (TopologyTestDriver driver = itemCounts(grouped -> grouped.windowedBy(HOPPING)
                .count(windowStore(type, false)))) {
            baskets(driver).pipeInput("alice", "apple,pear,plum", 90_000L);
            assertThat(read(driver, "counts")).containsExactly(
                "alice@0/120000=1@90000", "alice@60000/180000=1@90000",
                "alice@0/120000=2@90000", "alice@60000/180000=2@90000",
                "alice@0/120000=3@90000", "alice@60000/180000=3@90000");
        }
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void aSlidingWindowUpdatedTwiceByOneInputRecordIsForwardedOnce(Materialized.StoreType type) {
        SlidingWindows windows = SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(5));
        try (TopologyTestDriver cached = itemCounts(grouped -> grouped.windowedBy(windows)
                .count(windowStore(type, true)));
             TopologyTestDriver uncached = itemCounts(grouped -> grouped.windowedBy(windows)
                .count(windowStore(type, false)))) {
            baskets(cached).pipeInput("alice", "apple,pear", 10L);
            baskets(uncached).pipeInput("alice", "apple,pear", 10L);
            assertThat(read(cached, "counts")).containsExactly("alice@5/10=2@10");
            assertThat(read(uncached, "counts")).containsExactly("alice@5/10=1@10", "alice@5/10=2@10");
        }
    }

    /**
     * The second record's first item merges the flushed session [0,0] into [0,10]; its second item merges [0,10]
     * again (removing it, then putting it back). The cache forwards the removal of [0,0], which downstream saw, and
     * [0,10] once; uncached, every removal and put is forwarded.
     */
    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void sessionMergesMadeByOneInputRecordForwardTheLastSessionOnce(Materialized.StoreType type) {
        SessionWindows windows = SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMillis(20));
        try (TopologyTestDriver cached = itemCounts(grouped -> grouped.windowedBy(windows)
                .count(sessionStore(type, true)));
             TopologyTestDriver uncached = itemCounts(grouped -> grouped.windowedBy(windows)
                .count(sessionStore(type, false)))) {
            for (TopologyTestDriver driver : List.of(cached, uncached)) {
                baskets(driver).pipeInput("alice", "apple", 0L);
                baskets(driver).pipeInput("alice", "pear,plum", 10L);
            }
            assertThat(read(cached, "counts")).containsExactly("alice@0/0=1@0", "alice@0/0=null@0",
                "alice@0/10=3@10");
            assertThat(read(uncached, "counts")).containsExactly("alice@0/0=1@0", "alice@0/0=null@0",
                "alice@0/10=2@10", "alice@0/10=null@10", "alice@0/10=3@10");
            SessionStore<String, Long> store = cached.getSessionStore("counts-store");
            assertThat(store.fetchSession("alice", 0, 10)).isEqualTo(3L);
            assertThat(store.fetchSession("alice", 0, 0)).isNull();
        }
    }
}
