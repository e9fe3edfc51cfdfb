package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.KeyValue;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TestOutputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.state.WindowStore;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Tumbling and hopping windows with grace: out-of-order records within grace count, later ones are dropped. */
class WindowedAggregationTest {
    private static final long MINUTE = 60_000;

    private static TopologyTestDriver driver(TimeWindows windows, Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(windows)
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("per-window").withStoreType(storeType))
            .toStream()
            .map((windowed, count) -> KeyValue.pair(windowed.key() + "@" + windowed.window().start(), count))
            .to("counts", Produced.with(Serdes.String(), Serdes.Long()));
        return new TopologyTestDriver(builder.build());
    }

    private static double dropped(TopologyTestDriver driver) {
        return driver.metrics().entrySet().stream()
            .filter(metric -> metric.getKey().name().equals("dropped-records-total"))
            .mapToDouble(metric -> (Double) ((KafkaMetric) metric.getValue()).metricValue()).sum();
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void tumblingWindowsCountWithinGraceAndDropLateRecords(Materialized.StoreType storeType) {
        TimeWindows windows = TimeWindows.ofSizeAndGrace(Duration.ofMinutes(1), Duration.ofSeconds(30));
        try (TopologyTestDriver driver = driver(windows, storeType)) {
            TestInputTopic<String, String> clicks = driver.createInputTopic("clicks", new StringSerializer(),
                new StringSerializer());
            TestOutputTopic<String, Long> counts = driver.createOutputTopic("counts", new StringDeserializer(),
                new LongDeserializer());
            clicks.pipeInput("u", "a", 10_000L);
            clicks.pipeInput("u", "b", MINUTE + 5_000);        // next window; stream time 65 s
            clicks.pipeInput("u", "c", 50_000L);               // out of order, window 0 closes at 90 s: counts
            clicks.pipeInput("u", "d", MINUTE + 31_000);       // stream time 91 s: window 0 now closed
            clicks.pipeInput("u", "e", 59_000L);               // late: dropped and counted
            assertThat(counts.readKeyValuesToList()).containsExactly(KeyValue.pair("u@0", 1L),
                KeyValue.pair("u@60000", 1L), KeyValue.pair("u@0", 2L), KeyValue.pair("u@60000", 2L));
            assertThat(dropped(driver)).isEqualTo(1.0);
            WindowStore<String, Long> store = driver.getWindowStore("per-window");
            assertThat(store.fetch("u", 0L)).isEqualTo(2L);
        }
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void hoppingWindowsUpdateEveryWindowContainingTheRecord(Materialized.StoreType storeType) {
        TimeWindows windows = TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(2)).advanceBy(Duration.ofMinutes(1));
        try (TopologyTestDriver driver = driver(windows, storeType)) {
            TestInputTopic<String, String> clicks = driver.createInputTopic("clicks", new StringSerializer(),
                new StringSerializer());
            clicks.pipeInput("u", "a", 90_000L);
            List<KeyValue<String, Long>> out = driver.createOutputTopic("counts", new StringDeserializer(),
                new LongDeserializer()).readKeyValuesToList();
            assertThat(out).containsExactlyInAnyOrder(KeyValue.pair("u@0", 1L), KeyValue.pair("u@60000", 1L));
        }
    }
}
