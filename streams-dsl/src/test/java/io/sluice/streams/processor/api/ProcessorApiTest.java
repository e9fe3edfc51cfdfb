package io.sluice.streams.processor.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.KeyValue;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TestOutputTopic;
import io.sluice.streams.Topology;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.processor.PunctuationType;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.Stores;
import io.sluice.streams.test.TestRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.junit.jupiter.api.Test;

/** The Processor API through the test driver: stores, punctuators on both clocks, metadata, headers, routing. */
class ProcessorApiTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    /** Counts per key in a store; emits all counts on each stream-time punctuation (every 10 s of event time). */
    static final class CountingProcessor implements Processor<String, String, String, Long> {
        private ProcessorContext<String, Long> context;
        private KeyValueStore<String, Long> counts;

        @Override
        public void init(ProcessorContext<String, Long> context) {
            this.context = context;
            this.counts = context.getStateStore("counts");
            context.schedule(Duration.ofSeconds(10), PunctuationType.STREAM_TIME, this::emitAll);
        }

        @Override
        public void process(Record<String, String> record) {
            Long previous = counts.get(record.key());
            counts.put(record.key(), previous == null ? 1 : previous + 1);
        }

        private void emitAll(long streamTime) {
            try (KeyValueIterator<String, Long> all = counts.all()) {
                while (all.hasNext()) {
                    KeyValue<String, Long> entry = all.next();
                    context.forward(new Record<>(entry.key, entry.value, streamTime));
                }
            }
        }
    }

    private static Topology countingTopology() {
        return new Topology()
            .addSource("source", new StringDeserializer(), new StringDeserializer(), "input")
            .addProcessor("count", CountingProcessor::new, "source")
            .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("counts"), Serdes.String(),
                Serdes.Long()), "count")
            .addSink("sink", "counts", new StringSerializer(), new org.apache.kafka.common.serialization.LongSerializer(),
                "count");
    }

    @Test
    void streamTimePunctuationFiresOnEventTimeNotOnPiping() {
        try (TopologyTestDriver driver = new TopologyTestDriver(countingTopology())) {
            TestInputTopic<String, String> input = driver.createInputTopic("input", new StringSerializer(),
                new StringSerializer());
            TestOutputTopic<String, Long> output = driver.createOutputTopic("counts", new StringDeserializer(),
                new LongDeserializer());
            input.pipeInput("a", "x", START.toEpochMilli());
            // The first record puts stream time past the grid point 0: one punctuation with a=1.
            assertThat(output.readKeyValuesToList()).containsExactly(KeyValue.pair("a", 1L));
            input.pipeInput("a", "x", START.plusSeconds(3).toEpochMilli());
            input.pipeInput("b", "x", START.plusSeconds(9).toEpochMilli());
            assertThat(output.isEmpty()).isTrue();
            // Out-of-order record: stream time does not move back, no punctuation.
            input.pipeInput("b", "x", START.minusSeconds(30).toEpochMilli());
            assertThat(output.isEmpty()).isTrue();
            input.pipeInput("c", "x", START.plusSeconds(25).toEpochMilli());
            List<TestRecord<String, Long>> emitted = output.readRecordsToList();
            assertThat(emitted).extracting(TestRecord::key, TestRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 2L), org.assertj.core.groups.Tuple.tuple("b", 2L),
                    org.assertj.core.groups.Tuple.tuple("c", 1L));
            assertThat(emitted).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(START.plusSeconds(25).toEpochMilli()));
            KeyValueStore<String, Long> store = driver.getKeyValueStore("counts");
            assertThat(store.get("b")).isEqualTo(2L);
        }
    }

    @Test
    void wallClockPunctuationRunsOnlyWhenTheDriverClockAdvances() {
        Topology topology = new Topology()
            .addSource("source", new StringDeserializer(), new StringDeserializer(), "input")
            .addProcessor("ticker", () -> new ContextualProcessor<String, String, String, String>() {
                @Override
                public void init(ProcessorContext<String, String> context) {
                    super.init(context);
                    context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME,
                        now -> context().forward(new Record<>("tick", Long.toString(now), now)));
                }

                @Override
                public void process(Record<String, String> record) {
                }
            }, "source")
            .addSink("sink", "ticks", new StringSerializer(), new StringSerializer(), "ticker");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, START)) {
            TestOutputTopic<String, String> ticks = driver.createOutputTopic("ticks", new StringDeserializer(),
                new StringDeserializer());
            driver.advanceWallClockTime(Duration.ofSeconds(59));
            assertThat(ticks.isEmpty()).isTrue();
            driver.advanceWallClockTime(Duration.ofSeconds(1));
            assertThat(ticks.readValue()).isEqualTo(Long.toString(START.plusSeconds(60).toEpochMilli()));
            // A jump over several intervals punctuates once, staying on the one-minute grid.
            driver.advanceWallClockTime(Duration.ofMinutes(5).plusSeconds(30));
            assertThat(ticks.readValuesToList()).hasSize(1);
            driver.advanceWallClockTime(Duration.ofSeconds(30));
            assertThat(ticks.readValue()).isEqualTo(Long.toString(START.plusSeconds(420).toEpochMilli()));
        }
    }

    @Test
    void recordMetadataHeadersAndNamedChildRouting() {
        Topology topology = new Topology()
            .addSource("source", new StringDeserializer(), new StringDeserializer(), "input")
            .addProcessor("router", () -> new ContextualProcessor<String, String, String, String>() {
                @Override
                public void process(Record<String, String> record) {
                    RecordMetadata metadata = context().recordMetadata().orElseThrow();
                    String described = metadata.topic() + "/" + metadata.partition() + "/" + metadata.offset() + "/"
                        + new String(record.headers().lastHeader("h").value(), StandardCharsets.UTF_8);
                    context().forward(record.withValue(described), record.key().startsWith("x") ? "x-sink" : "y-sink");
                }
            }, "source")
            .addSink("x-sink", "xs", new StringSerializer(), new StringSerializer(), "router")
            .addSink("y-sink", "ys", new StringSerializer(), new StringSerializer(), "router");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology)) {
            TestInputTopic<String, String> input = driver.createInputTopic("input", new StringSerializer(),
                new StringSerializer());
            RecordHeaders headers = new RecordHeaders();
            headers.add("h", "v1".getBytes(StandardCharsets.UTF_8));
            input.pipeInput(new TestRecord<>("x1", "a", headers, START));
            input.pipeInput(new TestRecord<>("y1", "b", headers, START));
            TestOutputTopic<String, String> xs = driver.createOutputTopic("xs", new StringDeserializer(),
                new StringDeserializer());
            TestOutputTopic<String, String> ys = driver.createOutputTopic("ys", new StringDeserializer(),
                new StringDeserializer());
            TestRecord<String, String> x = xs.readRecord();
            assertThat(x.value()).isEqualTo("input/0/0/v1");
            assertThat(x.headers().lastHeader("h")).isNotNull();
            assertThat(x.getRecordTime()).isEqualTo(START);
            assertThat(ys.readValue()).isEqualTo("input/0/1/v1");
            assertThat(driver.producedTopicNames()).containsExactlyInAnyOrder("xs", "ys");
        }
    }

    @Test
    void fixedKeyRecordsKeepTheirKey() {
        FixedKeyRecord<String, Integer> record = InternalFixedKeyRecordFactory.create(new Record<>("k", 1, 5L));
        FixedKeyRecord<String, String> changed = record.withValue("one").withTimestamp(9L);
        assertThat(changed.key()).isEqualTo("k");
        assertThat(changed.value()).isEqualTo("one");
        assertThat(InternalFixedKeyRecordFactory.unwrap(changed))
            .isEqualTo(new Record<>("k", "one", 9L, changed.headers()));
    }

    /** Reaching a store that was not connected fails with the processor's and store's names. */
    @Test
    void unconnectedStoreAccessFailsClearly() {
        Topology topology = new Topology()
            .addSource("source", new StringDeserializer(), new StringDeserializer(), "input")
            .addProcessor("counter", CountingProcessor::new, "source")
            .addProcessor("other", () -> (Processor<String, String, Void, Void>) record -> { }, "source")
            .addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("counts"), Serdes.String(),
                Serdes.Long()), "other");
        assertThatThrownBy(() -> new TopologyTestDriver(topology))
            .isInstanceOf(StreamsException.class)
            .hasMessageContaining("counter")
            .hasMessageContaining("counts");
    }

    @Test
    void invalidTopologiesAreRejectedAsTheyAreBuilt() {
        Topology topology = new Topology().addSource("source", "input");
        assertThatThrownBy(() -> topology.addSource("source", "other")).isInstanceOf(TopologyException.class)
            .hasMessageContaining("already added");
        assertThatThrownBy(() -> topology.addSource("again", "input")).isInstanceOf(TopologyException.class)
            .hasMessageContaining("already read by source source");
        assertThatThrownBy(() -> topology.addProcessor("p", CountingProcessor::new, "missing"))
            .isInstanceOf(TopologyException.class).hasMessageContaining("missing");
        topology.addSink("sink", "out", "source");
        assertThatThrownBy(() -> topology.addProcessor("after-sink", CountingProcessor::new, "sink"))
            .isInstanceOf(TopologyException.class).hasMessageContaining("sink");
        assertThatThrownBy(() -> topology.connectProcessorAndStateStores("sink", "nope"))
            .isInstanceOf(TopologyException.class);
    }

    @Test
    void pipingAnUnknownTopicFails() {
        try (TopologyTestDriver driver = new TopologyTestDriver(countingTopology())) {
            TestInputTopic<String, String> wrong = driver.createInputTopic("nope", new StringSerializer(),
                new StringSerializer());
            assertThatThrownBy(() -> wrong.pipeInput("k", "v")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown topic: nope");
        }
    }

    @Test
    void describePrintsSubtopologiesAndMermaid() {
        Topology topology = countingTopology()
            .addSource("other-source", new StringDeserializer(), new StringDeserializer(), "other")
            .addSink("other-sink", "other-out", new StringSerializer(), new StringSerializer(), "other-source");
        String text = topology.describe().toString();
        // Numbered as Kafka Streams numbers sub-topologies: by their source nodes' names, sorted.
        assertThat(text).isEqualTo("""
            Topologies:
               Sub-topology: 0
                Source: other-source (topics: [other])
                  --> other-sink
                Sink: other-sink (topic: other-out)
                  <-- other-source
               Sub-topology: 1
                Source: source (topics: [input])
                  --> count
                Processor: count (stores: [counts])
                  --> sink
                  <-- source
                Sink: sink (topic: counts)
                  <-- count
            """);
        assertThat(topology.describe().subtopologies()).hasSize(2);
        String mermaid = topology.describe().toMermaid();
        assertThat(mermaid).startsWith("flowchart TD\n")
            .contains("n_source --> n_count", "t_input --> n_source", "n_count -.- s_counts", "n_sink --> t_counts");
        assertThat(mermaid).contains("  subgraph sub1[\"Sub-topology 1\"]\n");
    }
}
