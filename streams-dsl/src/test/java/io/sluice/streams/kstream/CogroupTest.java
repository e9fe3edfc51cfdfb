package io.sluice.streams.kstream;

import static io.sluice.streams.kstream.WindowedTopologies.read;
import static io.sluice.streams.kstream.WindowedTopologies.toOutput;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.state.KeyValueStore;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** cogroup: several grouped streams folded into one aggregate, plain and windowed, with repartitioning. */
class CogroupTest {
    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void eachInputFoldsIntoTheSharedAggregateWithItsOwnAggregator(Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> clicks = builder.stream("clicks",
            Consumed.with(Serdes.String(), Serdes.String())).groupByKey();
        // views are keyed by page; regrouping by user needs a repartition topic
        KGroupedStream<String, String> views = builder.stream("views",
                Consumed.with(Serdes.String(), Serdes.String()))
            .groupBy((page, user) -> user, Grouped.with("views-by-user", Serdes.String(), Serdes.String()));
        clicks.<String>cogroup((user, click, agg) -> agg + "c" + click)
            .cogroup(views, (user, viewer, agg) -> agg + "v" + viewer)
            .aggregate(() -> "", Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as("activity")
                .withStoreType(storeType).withValueSerde(Serdes.String()))
            .toStream()
            .to("out", Produced.with(Serdes.String(), Serdes.String()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> clickIn = driver.createInputTopic("clicks", new StringSerializer(),
                new StringSerializer());
            TestInputTopic<String, String> viewIn = driver.createInputTopic("views", new StringSerializer(),
                new StringSerializer());
            clickIn.pipeInput("u1", "1", 10L);
            viewIn.pipeInput("home", "u1", 11L);
            clickIn.pipeInput("u2", "2", 12L);
            clickIn.pipeInput(null, "3", 13L); // no key: dropped
            assertThat(read(driver, "out")).containsExactly("u1=c1@10", "u1=c1vu1@11", "u2=c2@12");
            assertThat(driver.<String, String>getKeyValueStore("activity").get("u1")).isEqualTo("c1vu1");
            assertThat(driver.producedTopicNames()).contains("topology-test-driver-views-by-user-repartition");
        }
    }

    @Test
    void windowedCogroupAggregatesPerWindowAcrossInputs() {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> left = builder.stream("left", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey();
        KGroupedStream<String, String> right = builder.stream("right",
            Consumed.with(Serdes.String(), Serdes.String())).groupByKey();
        toOutput(left.<String>cogroup((key, value, agg) -> agg + "L" + value)
            .cogroup(right, (key, value, agg) -> agg + "R" + value)
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(10)))
            .aggregate(() -> "", Materialized.with(Serdes.String(), Serdes.String())), "out");
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> leftIn = driver.createInputTopic("left", new StringSerializer(),
                new StringSerializer());
            TestInputTopic<String, String> rightIn = driver.createInputTopic("right", new StringSerializer(),
                new StringSerializer());
            leftIn.pipeInput("k", "1", 1L);
            rightIn.pipeInput("k", "2", 8L);
            leftIn.pipeInput("k", "3", 12L);
            assertThat(read(driver, "out")).containsExactly("k@0/10=L1@1", "k@0/10=L1R2@8", "k@10/20=L3@12");
        }
    }
}
