package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.KeyValue;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.StreamsConfig;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.errors.TopologyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link KStream#split()} branches and {@link KStream#print} through the test driver. */
class SplitAndPrintTest {
    @TempDir
    Path dir;

    private static Properties stringDefaults() {
        Properties props = new Properties();
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.StringSerde.class);
        return props;
    }

    @Test
    void eachRecordGoesToTheFirstMatchingBranchElseTheDefault() {
        StreamsBuilder builder = new StreamsBuilder();
        Map<String, KStream<String, String>> branches = builder.<String, String>stream("in")
            .split(Named.as("by-size-"))
            .branch((key, value) -> value.length() < 3, Branched.as("small"))
            .branch((key, value) -> value.length() < 6)
            .defaultBranch();
        assertThat(branches).containsOnlyKeys("by-size-small", "by-size-2", "by-size-0");
        branches.get("by-size-small").to("small");
        branches.get("by-size-2").to("medium");
        branches.get("by-size-0").to("large");

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                new StringSerializer());
            in.pipeInput("a", "ab");      // matches both predicates: the first wins
            in.pipeInput("b", "abcd");
            in.pipeInput("c", "abcdefgh");
            in.pipeInput("d", "x");

            assertThat(read(driver, "small")).containsExactly(KeyValue.pair("a", "ab"), KeyValue.pair("d", "x"));
            assertThat(read(driver, "medium")).containsExactly(KeyValue.pair("b", "abcd"));
            assertThat(read(driver, "large")).containsExactly(KeyValue.pair("c", "abcdefgh"));
        }
    }

    @Test
    void consumersAndChainFunctionsShapeTheMapAndUnmatchedRecordsAreDiscardedWithoutADefault() {
        StreamsBuilder builder = new StreamsBuilder();
        Map<String, KStream<String, String>> branches = builder.<String, String>stream("in")
            .split()
            .branch((key, value) -> value.startsWith("a"), Branched.withConsumer(stream -> stream.to("a-topic")))
            .branch((key, value) -> value.startsWith("b"),
                Branched.withFunction(stream -> stream.mapValues(value -> value.toUpperCase())))
            .branch((key, value) -> value.startsWith("c"), Branched.withFunction(stream -> null, "dropped"))
            .noDefaultBranch();
        // No prefix without a Named; the consumer's branch and the null-returning function's are not in the map.
        assertThat(branches).containsOnlyKeys("2");
        branches.get("2").to("b-topic");

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                new StringSerializer());
            in.pipeInput("k1", "apple");
            in.pipeInput("k2", "banana");
            in.pipeInput("k3", "cherry");
            in.pipeInput("k4", "date");

            assertThat(read(driver, "a-topic")).containsExactly(KeyValue.pair("k1", "apple"));
            assertThat(read(driver, "b-topic")).containsExactly(KeyValue.pair("k2", "BANANA"));
        }
    }

    @Test
    void branchNodesAppearInTheTopologyDescription() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.<String, String>stream("in")
            .split(Named.as("route-"))
            .branch((key, value) -> true, Branched.withConsumer(stream -> stream.to("out"), "all"))
            .defaultBranch(Branched.withConsumer(stream -> stream.to("rest")));

        String description = builder.build().describe().toString();

        assertThat(description).contains("Processor: route- (stores: [])")
            .contains("Processor: route-all (stores: [])")
            .contains("Processor: route-0 (stores: [])");
    }

    @Test
    void aFinishedSplitTakesNoMoreBranches() {
        BranchedKStream<String, String> split = new StreamsBuilder().<String, String>stream("in").split();
        split.noDefaultBranch();

        assertThatThrownBy(() -> split.branch((key, value) -> true))
            .isInstanceOf(TopologyException.class).hasMessageContaining("already finished");
    }

    @Test
    void printWritesOneLabelledLinePerRecordToTheFile() throws Exception {
        Path file = dir.resolve("printed.txt");
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> stream = builder.stream("in");
        stream.print(Printed.<String, String>toFile(file.toString()).withLabel("seen"));
        stream.mapValues(String::length).print(Printed.<String, Integer>toFile(dir.resolve("lengths.txt").toString())
            .withKeyValueMapper((key, length) -> key + " has " + length));

        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), stringDefaults())) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", new StringSerializer(),
                new StringSerializer());
            in.pipeInput("a", "one");
            in.pipeInput(null, "three");
        }

        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
            .containsExactly("[seen]: a, one", "[seen]: null, three");
        // Unlabelled output is labelled with the generated processor name.
        assertThat(Files.readAllLines(dir.resolve("lengths.txt"), StandardCharsets.UTF_8))
            .containsExactly("[KSTREAM-PRINTER-0000000003]: a has 3", "[KSTREAM-PRINTER-0000000003]: null has 5");
    }

    private static List<KeyValue<String, String>> read(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer())
            .readKeyValuesToList();
    }
}
