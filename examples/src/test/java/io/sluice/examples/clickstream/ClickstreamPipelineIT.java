package io.sluice.examples.clickstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline on a small run: the output file must hold exactly the per-region, per-minute counts computed
 * here, without Streams, from the users and clicks the datagen connectors really wrote (read back from the topics).
 */
class ClickstreamPipelineIT {
    private static final long CLICKS = 12_000;
    private static final int USERS = 150;
    private static final long MINUTE_MS = 60_000;
    /** The bot rule restated independently of {@link Click#fromBot()}. */
    private static final Pattern BOT = Pattern.compile("(?i).*(bot|crawler|spider).*");
    private static final Pattern FIELD = Pattern.compile("\"(user_agent|region)\":\"([^\"]*)\"");
    private static final Pattern LINE = Pattern.compile(
        "\\{\"region\":\"([^\"]+)\",\"window_start\":\"([^\"]+)\",\"window_end\":\"([^\"]+)\",\"page_views\":(\\d+)}");

    @TempDir
    Path dir;

    private record Window(String region, long startMs) implements Comparable<Window> {
        @Override
        public int compareTo(Window other) {
            int byStart = Long.compare(startMs, other.startMs);
            return byStart != 0 ? byStart : region.compareTo(other.region);
        }
    }

    @Test
    void writesExactlyTheCountsComputedFromTheGeneratedRecords() throws Exception {
        ClickstreamSettings settings = ClickstreamSettings.defaults().withDataDir(dir.resolve("demo"))
            .withClicks(CLICKS).withUsers(USERS).withSeed(7);
        Map<Window, Long> expected;
        long bots;
        ClickstreamPipeline pipeline = new ClickstreamPipeline(settings);
        try (pipeline) {
            pipeline.start();
            assertThat(pipeline.awaitCompletion(Duration.ofSeconds(90))).as("pipeline completed").isTrue();

            Map<String, String> regions = new HashMap<>();
            for (ConsumerRecord<String, String> user : readAll(pipeline.bootstrapServers(), "users")) {
                regions.put(user.key(), field(user.value(), "region"));
            }
            List<ConsumerRecord<String, String>> clicks = readAll(pipeline.bootstrapServers(), "clicks");
            assertThat(regions).hasSize(USERS);
            assertThat(clicks).hasSize((int) CLICKS);
            expected = new TreeMap<>();
            bots = 0;
            long streamTimeMs = Long.MIN_VALUE;
            for (ConsumerRecord<String, String> click : clicks) {
                if (BOT.matcher(field(click.value(), "user_agent")).matches()) {
                    bots++;
                    continue;
                }
                streamTimeMs = Math.max(streamTimeMs, click.timestamp());
                String region = regions.getOrDefault(click.key(), ClickstreamTopology.UNKNOWN_REGION);
                expected.merge(new Window(region, click.timestamp() - click.timestamp() % MINUTE_MS), 1L, Long::sum);
            }
            long closedBefore = streamTimeMs;
            expected.keySet().removeIf(window -> window.startMs() + MINUTE_MS > closedBefore);
        }

        Map<Window, Long> written = new TreeMap<>();
        for (String line : Files.readAllLines(settings.outputFile(), StandardCharsets.UTF_8)) {
            Matcher m = LINE.matcher(line);
            assertThat(m.matches()).as("output line %s", line).isTrue();
            Window window = new Window(m.group(1), Instant.parse(m.group(2)).toEpochMilli());
            assertThat(Instant.parse(m.group(3)).toEpochMilli()).isEqualTo(window.startMs() + MINUTE_MS);
            assertThat(written.put(window, Long.parseLong(m.group(4)))).as("%s written once", window).isNull();
        }
        assertThat(bots).as("the data set has bots").isPositive();
        assertThat(expected).as("several minutes of data").hasSizeGreaterThan(10);
        assertThat(written).isEqualTo(expected);
        ClickstreamProgress progress = pipeline.progress();
        assertThat(progress).isEqualTo(new ClickstreamProgress(USERS, CLICKS, CLICKS, bots, CLICKS - bots, 0,
            expected.size(), expected.size()));
    }

    private static String field(String json, String name) {
        Matcher m = FIELD.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(name)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no " + name + " in " + json);
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                 new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.position(partition) < end && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            assertThat(records).as("records of %s", topic).hasSize((int) end);
            return records;
        }
    }
}
