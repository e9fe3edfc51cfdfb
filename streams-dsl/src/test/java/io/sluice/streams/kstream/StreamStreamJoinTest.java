package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.StreamsConfig;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TestOutputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.state.Stores;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stream-stream joins through the public API, with the outputs (keys, values, timestamps) Kafka Streams 4.x
 * produces for the same input: window bounds, out-of-order and late records, left/outer results emitted only once
 * their window closed, null keys and values, both store types.
 */
class StreamStreamJoinTest {
    private static final String SCAN_INTERVAL = "__emit.interval.ms.kstreams.outer.join.spurious.results.fix__";
    private static final ValueJoiner<String, String, String> JOINER = (left, right) -> left + "+" + right;

    enum Kind { INNER, LEFT, OUTER }

    enum StoreType { ROCKS_DB, IN_MEMORY }

    /** Joins "left" and "right" into "out"; in-memory stores come from suppliers, as Kafka users would give them. */
    private static TopologyTestDriver driver(Kind kind, JoinWindows windows, StoreType storeType,
                                             Properties extra) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream("left", Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> right = builder.stream("right", Consumed.with(Serdes.String(), Serdes.String()));
        StreamJoined<String, String, String> joined = StreamJoined.with(Serdes.String(), Serdes.String(),
            Serdes.String());
        if (storeType == StoreType.IN_MEMORY) {
            Duration retention = Duration.ofMillis(windows.size() + windows.gracePeriodMs());
            Duration size = Duration.ofMillis(windows.size());
            joined = joined.withThisStoreSupplier(Stores.inMemoryWindowStore("l", retention, size, true))
                .withOtherStoreSupplier(Stores.inMemoryWindowStore("r", retention, size, true));
        }
        KStream<String, String> out = switch (kind) {
            case INNER -> left.join(right, JOINER, windows, joined);
            case LEFT -> left.leftJoin(right, JOINER, windows, joined);
            case OUTER -> left.outerJoin(right, JOINER, windows, joined);
        };
        out.to("out", Produced.with(Serdes.String(), Serdes.String()));
        // No scan interval set: the driver scans on every record (the default 1 s applies to a running app).
        return new TopologyTestDriver(builder.build(), extra, Instant.ofEpochMilli(0));
    }

    private static TopologyTestDriver driver(Kind kind, JoinWindows windows, StoreType storeType) {
        return driver(kind, windows, storeType, new Properties());
    }

    private static TestInputTopic<String, String> input(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, new StringSerializer(), new StringSerializer());
    }

    /** Output records as {@code key:value@timestamp}. */
    private static List<String> output(TopologyTestDriver driver) {
        TestOutputTopic<String, String> out = driver.createOutputTopic("out", new StringDeserializer(),
            new StringDeserializer());
        return out.readRecordsToList().stream().map(r -> r.key() + ":" + r.value() + "@" + r.timestamp()).toList();
    }

    private static double dropped(TopologyTestDriver driver) {
        return driver.metrics().entrySet().stream()
            .filter(metric -> metric.getKey().name().equals("dropped-records-total"))
            .mapToDouble(metric -> (Double) ((KafkaMetric) metric.getValue()).metricValue()).sum();
    }

    @ParameterizedTest
    @EnumSource(StoreType.class)
    void innerJoinMatchesRecordsWithinTheWindowInEitherOrderAtTheLaterTimestamp(StoreType storeType) {
        try (TopologyTestDriver driver = driver(Kind.INNER, JoinWindows.ofTimeDifferenceWithNoGrace(
                Duration.ofMillis(10)), storeType)) {
            TestInputTopic<String, String> left = input(driver, "left");
            TestInputTopic<String, String> right = input(driver, "right");
            left.pipeInput("k1", "A", 100);
            right.pipeInput("k1", "a", 105);   // A is 5 ms before: match
            right.pipeInput("k1", "b", 111);   // 11 ms after A: no match
            left.pipeInput("k1", "B", 95);     // out of order, within 10 ms of a only
            left.pipeInput("k1", "C", 121);    // exactly 10 ms after b: the bound is inclusive
            right.pipeInput("k2", "x", 121);   // another key never matches
            assertThat(output(driver)).containsExactly("k1:A+a@105", "k1:B+a@105", "k1:C+b@121");
            assertThat(dropped(driver)).isZero();
        }
    }

    @Test
    void everyPairOfMatchingRecordsJoinsOnce() {
        try (TopologyTestDriver driver = driver(Kind.INNER, JoinWindows.ofTimeDifferenceWithNoGrace(
                Duration.ofMillis(10)), StoreType.ROCKS_DB)) {
            TestInputTopic<String, String> left = input(driver, "left");
            TestInputTopic<String, String> right = input(driver, "right");
            left.pipeInput("k", "A", 100);
            left.pipeInput("k", "A", 100);     // a duplicate is kept and joins again
            right.pipeInput("k", "a", 101);
            right.pipeInput("k", "b", 102);
            assertThat(output(driver)).containsExactly("k:A+a@101", "k:A+a@101", "k:A+b@102", "k:A+b@102");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreType.class)
    void asymmetricAfterWindowJoinsRightRecordsUpToAfterMsLaterOnly(StoreType storeType) {
        JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(Duration.ZERO, Duration.ofSeconds(1))
            .after(Duration.ofMillis(10));
        try (TopologyTestDriver driver = driver(Kind.INNER, windows, storeType)) {
            TestInputTopic<String, String> left = input(driver, "left");
            TestInputTopic<String, String> right = input(driver, "right");
            left.pipeInput("k", "A", 100);
            right.pipeInput("k", "r1", 99);    // before A: outside [100, 110]
            right.pipeInput("k", "r2", 100);
            right.pipeInput("k", "r3", 110);
            right.pipeInput("k", "r4", 111);
            left.pipeInput("k", "B", 105);     // joins right records in [105, 115]
            assertThat(output(driver)).containsExactly("k:A+r2@100", "k:A+r3@110", "k:B+r3@110", "k:B+r4@111");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreType.class)
    void asymmetricBeforeWindowJoinsRightRecordsUpToBeforeMsEarlierOnly(StoreType storeType) {
        JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(Duration.ZERO, Duration.ofSeconds(1))
            .before(Duration.ofMillis(10));
        try (TopologyTestDriver driver = driver(Kind.INNER, windows, storeType)) {
            TestInputTopic<String, String> left = input(driver, "left");
            TestInputTopic<String, String> right = input(driver, "right");
            right.pipeInput("k", "r1", 89);
            right.pipeInput("k", "r2", 90);
            right.pipeInput("k", "r3", 100);
            right.pipeInput("k", "r4", 101);
            left.pipeInput("k", "A", 100);     // joins right records in [90, 100]
            assertThat(output(driver)).containsExactly("k:A+r2@100", "k:A+r3@100");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreType.class)
    void leftJoinEmitsUnmatchedRecordsOnlyOnceTheirWindowHasClosed(StoreType storeType) {
        try (TopologyTestDriver driver = driver(Kind.LEFT, JoinWindows.ofTimeDifferenceWithNoGrace(
                Duration.ofMillis(10)), storeType)) {
            TestInputTopic<String, String> left = input(driver, "left");
            TestInputTopic<String, String> right = input(driver, "right");
            left.pipeInput("k1", "A", 100);
            right.pipeInput("k1", "a", 105);   // A's match arrives in time: no A+null, ever
            left.pipeInput("k2", "B", 110);    // waits until stream time passes 120
            left.pipeInput("k3", "X", 120);    // stream time 120: B's window [100, 120] is still open
            assertThat(output(driver)).containsExactly("k1:A+a@105");
            left.pipeInput("k4", "C", 121);    // stream time 121 closes B's window
            assertThat(output(driver)).containsExactly("k2:B+null@110");
            right.pipeInput("k9", "z", 131);   // stream time 131: C's window [111, 131] is still open
            assertThat(output(driver)).containsExactly("k3:X+null@120");
            right.pipeInput("k9", "z", 132);   // right records advance stream time too: C closes
            assertThat(output(driver)).containsExactly("k4:C+null@121");
            assertThat(dropped(driver)).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(StoreType.class)
    void leftJoinHoldsUnmatchedRecordsForTheGracePeriod(StoreType storeType) {
        JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(20));
        try (TopologyTestDriver driver = driver(Kind.LEFT, windows, storeType)) {
            TestInputTopic<String, String> left = input(driver, "left");
            TestInputTopic<String, String> right = input(driver, "right");
            left.pipeInput("k1", "A", 100);
            left.pipeInput("k2", "B", 125);    // stream time 125: A's window ended at 110, grace runs to 130
            right.pipeInput("k1", "a", 108);   // out of order, within grace: A joins, no A+null
            left.pipeInput("k3", "C", 155);    // B's window ends at 135, its grace at 155: still waiting
            assertThat(output(driver)).containsExactly("k1:A+a@108");
            left.pipeInput("k3", "C", 156);    // closes B's window
            assertThat(output(driver)).containsExactly("k2:B+null@125");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreType.class)
    void outOfOrderAndLateRecordsInALeftJoin(StoreType storeType) {
        try (TopologyTestDriver driver = driver(Kind.LEFT, JoinWindows.ofTimeDifferenceWithNoGrace(
                Duration.ofMillis(10)), storeType)) {
            TestInputTopic<String, String> left = input(driver, "left");
            TestInputTopic<String, String> right = input(driver, "right");
            left.pipeInput("k0", "N", 121);
            left.pipeInput("k1", "E", 115);    // out of order, its window [105, 125] still open: waits
            right.pipeInput("k1", "e", 118);   // and finds its match
            left.pipeInput("k2", "F", 105);    // its window ended at 115 < 121: emitted unmatched at once
            // More than the retention (size 20 + grace 0) behind this side's newest record: not buffered, counted
            // as dropped; as in Kafka Streams it still probes the other side once, so a left join emits it.
            left.pipeInput("k3", "D", 50);
            right.pipeInput("k3", "d", 52);    // late on its side too (newest 118), and D was never buffered
            assertThat(output(driver)).containsExactly("k1:E+e@118", "k2:F+null@105", "k3:D+null@50");
            assertThat(dropped(driver)).isEqualTo(2.0);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreType.class)
    void outerJoinEmitsUnmatchedRecordsOfBothSidesOnceTheirWindowsClose(StoreType storeType) {
        try (TopologyTestDriver driver = driver(Kind.OUTER, JoinWindows.ofTimeDifferenceWithNoGrace(
                Duration.ofMillis(10)), storeType)) {
            TestInputTopic<String, String> left = input(driver, "left");
            TestInputTopic<String, String> right = input(driver, "right");
            left.pipeInput("k1", "A", 100);
            right.pipeInput("k2", "b", 100);
            right.pipeInput("k1", "a", 108);   // A matched: neither A+null nor null+a
            assertThat(output(driver)).containsExactly("k1:A+a@108");
            left.pipeInput("k3", "C", 130);    // closes b's window
            assertThat(output(driver)).containsExactly("k2:null+b@100");
            left.pipeInput("k4", "D", 141);    // closes C's window
            assertThat(output(driver)).containsExactly("k3:C+null@130");
        }
    }

    @Test
    void nullKeysAndValuesAreDroppedExceptNullKeysOnAnOuterSide() {
        try (TopologyTestDriver driver = driver(Kind.OUTER, JoinWindows.ofTimeDifferenceWithNoGrace(
                Duration.ofMillis(10)), StoreType.ROCKS_DB)) {
            TestInputTopic<String, String> left = input(driver, "left");
            TestInputTopic<String, String> right = input(driver, "right");
            right.pipeInput(null, "z", 100);   // cannot match any record: emitted unmatched at once (KIP-962)
            left.pipeInput("k", null, 100);    // a null value never joins: dropped
            right.pipeInput("k", null, 100);
            assertThat(output(driver)).containsExactly("null:null+z@100");
            assertThat(dropped(driver)).isEqualTo(2.0);
        }
        try (TopologyTestDriver driver = driver(Kind.LEFT, JoinWindows.ofTimeDifferenceWithNoGrace(
                Duration.ofMillis(10)), StoreType.ROCKS_DB)) {
            input(driver, "left").pipeInput(null, "Z", 100);    // the left side of a left join is outer
            input(driver, "right").pipeInput(null, "z", 100);   // its right side is not: dropped
            assertThat(output(driver)).containsExactly("null:Z+null@100");
            assertThat(dropped(driver)).isEqualTo(1.0);
        }
        try (TopologyTestDriver driver = driver(Kind.INNER, JoinWindows.ofTimeDifferenceWithNoGrace(
                Duration.ofMillis(10)), StoreType.IN_MEMORY)) {
            input(driver, "left").pipeInput(null, "Z", 100);
            input(driver, "left").pipeInput("k", null, 100);
            input(driver, "right").pipeInput("k", "z", 100);
            assertThat(output(driver)).isEmpty();
            assertThat(dropped(driver)).isEqualTo(2.0);
        }
    }

    @Test
    void anExplicitScanIntervalMakesUnmatchedResultsWaitForTheWallClockAsInKafkaStreams() {
        Properties defaultInterval = new Properties();
        defaultInterval.put(SCAN_INTERVAL, 1000L);
        try (TopologyTestDriver driver = driver(Kind.LEFT, JoinWindows.ofTimeDifferenceWithNoGrace(
                Duration.ofMillis(10)), StoreType.ROCKS_DB, defaultInterval)) {
            TestInputTopic<String, String> left = input(driver, "left");
            left.pipeInput("k1", "A", 100);
            left.pipeInput("k2", "B", 200);    // A is due, but A itself scanned (empty) less than 1 s ago
            left.pipeInput("k3", "C", 300);
            assertThat(output(driver)).isEmpty();
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            left.pipeInput("k4", "D", 400);
            assertThat(output(driver)).containsExactly("k1:A+null@100", "k2:B+null@200", "k3:C+null@300");
            left.pipeInput("k5", "E", 500);    // D is due: the next scan is 1 s of wall-clock time away
            driver.advanceWallClockTime(Duration.ofMillis(999));
            left.pipeInput("k6", "F", 600);
            assertThat(output(driver)).isEmpty();
        }
    }

    @Test
    void keyChangedSidesAreRepartitionedBeforeTheJoin() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> orders = builder.stream("left", Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> payments = builder.stream("right", Consumed.with(Serdes.String(), Serdes.String()));
        orders.selectKey((key, value) -> value.substring(0, 1))
            .join(payments, JOINER, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10)),
                StreamJoined.with(Serdes.String(), Serdes.String(), Serdes.String()))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        String description = builder.build().describe().toString();
        assertThat(description).contains("KSTREAM-KEY-SELECT-0000000002-repartition");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            input(driver, "left").pipeInput("order-1", "x-order", 100);
            input(driver, "right").pipeInput("x", "paid", 101);
            assertThat(output(driver)).containsExactly("x:x-order+paid@101");
        }
    }

    @Test
    void joinNodesAndStoresAreNamedAsInKafkaStreams() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream("left");
        KStream<String, String> right = builder.stream("right");
        left.leftJoin(right, JOINER, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10))).to("out");
        String description = builder.build().describe().toString();
        assertThat(description)
            .contains("Processor: KSTREAM-WINDOWED-0000000002 (stores: [KSTREAM-JOINTHIS-0000000004-store])")
            .contains("Processor: KSTREAM-WINDOWED-0000000003 (stores: [KSTREAM-OUTEROTHER-0000000005-store])")
            .contains("Processor: KSTREAM-JOINTHIS-0000000004 (stores: [KSTREAM-OUTEROTHER-0000000005-store, "
                + "KSTREAM-OUTERSHARED-0000000004-store])")
            .contains("Processor: KSTREAM-OUTEROTHER-0000000005 (stores: [KSTREAM-JOINTHIS-0000000004-store, "
                + "KSTREAM-OUTERSHARED-0000000004-store])")
            .contains("Processor: KSTREAM-MERGE-0000000006 (stores: [])")
            .contains("<-- KSTREAM-JOINTHIS-0000000004, KSTREAM-OUTEROTHER-0000000005");
    }

    @Test
    void streamJoinedNamesTheProcessorsAndStores() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream("left", Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> right = builder.stream("right", Consumed.with(Serdes.String(), Serdes.String()));
        left.outerJoin(right, JOINER, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10)),
                StreamJoined.<String, String, String>as("buf").withName("pay"))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        String description = builder.build().describe().toString();
        assertThat(description).contains("pay-this-windowed", "pay-other-windowed", "pay-outer-this-join",
            "pay-outer-other-join", "pay-merge");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            assertThat(driver.getAllStateStores().keySet()).containsExactlyInAnyOrder("buf-outer-this-join-store",
                "buf-outer-other-join-store", "buf-outer-shared-join-store");
            input(driver, "left").pipeInput("k", "A", 100);
            input(driver, "right").pipeInput("k", "a", 100);
            assertThat(driver.producedTopicNames()).contains("app-buf-outer-this-join-store-changelog",
                "app-buf-outer-other-join-store-changelog", "app-buf-outer-shared-join-store-changelog");
        }
    }

    @Test
    void storesWithLoggingDisabledWriteNoChangelog() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream("left", Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> right = builder.stream("right", Consumed.with(Serdes.String(), Serdes.String()));
        left.leftJoin(right, JOINER, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10)),
                StreamJoined.with(Serdes.String(), Serdes.String(), Serdes.String()).withLoggingDisabled())
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            input(driver, "left").pipeInput("k", "A", 100);
            input(driver, "right").pipeInput("k", "a", 100);
            assertThat(driver.producedTopicNames()).containsExactly("out");
        }
    }

    @Test
    void storeSuppliersMustMatchTheJoinWindows() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream("left");
        KStream<String, String> right = builder.stream("right");
        JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(5));
        Duration retention = Duration.ofMillis(25);
        Duration size = Duration.ofMillis(20);
        assertThatThrownBy(() -> left.join(right, JOINER, windows, StreamJoined.with(
                Stores.inMemoryWindowStore("l", retention, size, false), Stores.inMemoryWindowStore("r", retention,
                    size, true))))
            .isInstanceOf(StreamsException.class).hasMessageContaining("l").hasMessageContaining("duplicates");
        assertThatThrownBy(() -> left.join(right, JOINER, windows, StreamJoined.with(
                Stores.inMemoryWindowStore("l", retention, size, true), Stores.inMemoryWindowStore("r",
                    Duration.ofMillis(20), size, true))))
            .isInstanceOf(StreamsException.class).hasMessageContaining("r").hasMessageContaining("retention 25 ms");
        assertThatThrownBy(() -> left.join(right, JOINER, windows, StreamJoined.with(
                Stores.inMemoryWindowStore("s", retention, size, true), Stores.inMemoryWindowStore("s", retention,
                    size, true))))
            .isInstanceOf(StreamsException.class).hasMessageContaining("named s");
    }

    @ParameterizedTest
    @EnumSource(StoreType.class)
    void aTimeDifferenceOfZeroJoinsRecordsWithEqualTimestamps(StoreType storeType) {
        JoinWindows windows = JoinWindows.ofTimeDifferenceAndGrace(Duration.ZERO, Duration.ofMillis(10));
        try (TopologyTestDriver driver = driver(Kind.INNER, windows, storeType)) {
            input(driver, "left").pipeInput("k", "A", 100);
            input(driver, "right").pipeInput("k", "a", 101);
            input(driver, "right").pipeInput("k", "b", 100);
            assertThat(output(driver)).containsExactly("k:A+b@100");
        }
    }

    @Test
    void valueJoinerWithKeySeesTheKey() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> left = builder.stream("left", Consumed.with(Serdes.String(), Serdes.String()));
        KStream<String, String> right = builder.stream("right", Consumed.with(Serdes.String(), Serdes.String()));
        left.join(right, (key, l, r) -> key + "=" + l + r, JoinWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(5)))
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            input(driver, "left").pipeInput("k", "A", 100);
            input(driver, "right").pipeInput("k", "a", 100);
            assertThat(output(driver)).containsExactly("k:k=Aa@100");
        }
    }
}
