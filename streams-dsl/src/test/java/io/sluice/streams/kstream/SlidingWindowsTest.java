package io.sluice.streams.kstream;

import static io.sluice.streams.kstream.WindowedTopologies.dropped;
import static io.sluice.streams.kstream.WindowedTopologies.read;
import static io.sluice.streams.kstream.WindowedTopologies.toOutput;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.state.WindowStore;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sliding windows (KIP-450): left and right windows per record, out-of-order and early records, late drops. */
class SlidingWindowsTest {
    private static TopologyTestDriver counting(SlidingWindows windows, Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        toOutput(builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(windows)
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("sliding").withStoreType(storeType)
                .withCachingDisabled()), "out");
        return new TopologyTestDriver(builder.build());
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void recordsCreateLeftAndRightWindowsAndOutOfOrderRecordsUpdateEveryWindowTheyFallInto(
            Materialized.StoreType storeType) {
        SlidingWindows windows = SlidingWindows.ofTimeDifferenceAndGrace(Duration.ofMillis(10), Duration.ofMillis(100));
        try (TopologyTestDriver driver = counting(windows, storeType)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                new StringSerializer());
            in.pipeInput("a", "v", 10L);
            assertThat(read(driver, "out")).containsExactly("a@0/10=1@10");
            in.pipeInput("a", "v", 15L);
            assertThat(read(driver, "out")).containsExactly("a@11/21=1@15", "a@5/15=2@15");
            in.pipeInput("a", "v", 12L); // out of order: existing windows from the latest start down, then new ones
            assertThat(read(driver, "out")).containsExactly("a@11/21=2@15", "a@5/15=3@15", "a@2/12=2@12",
                "a@13/23=1@15");
            in.pipeInput("a", "v", 3L); // early: its left window is [0,10]
            assertThat(read(driver, "out")).containsExactly("a@2/12=3@12", "a@4/14=2@12", "a@0/10=2@10");
        }
    }

    @Test
    void aRecordWhoseWindowsHaveAllClosedIsDroppedAndCounted() {
        try (TopologyTestDriver driver = counting(SlidingWindows.ofTimeDifferenceWithNoGrace(Duration.ofMillis(10)),
            Materialized.StoreType.ROCKS_DB)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                new StringSerializer());
            in.pipeInput("a", "v", 100L);
            in.pipeInput("a", "v", 50L); // even its right window [51,61] closed at stream time 100: dropped
            assertThat(dropped(driver)).isEqualTo(1.0);
            // [90,100] still includes stream time, its own left window [85,95] is closed (a drop), and its right
            // window [96,106] is created from the later record at 100.
            in.pipeInput("a", "v", 95L);
            assertThat(read(driver, "out")).containsExactly("a@90/100=1@100", "a@90/100=2@100", "a@96/106=1@100");
            assertThat(dropped(driver)).isEqualTo(2.0);
        }
    }
}
