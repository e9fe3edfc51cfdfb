package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TestOutputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.kstream.internals.SessionWindow;
import io.sluice.streams.kstream.internals.TimeWindow;
import io.sluice.streams.state.WindowStore;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Windowed keys on topics: Kafka Streams' byte layouts, read back with the window size the reader knows. */
class WindowedSerdesTest {
    private static final long MINUTE = 60_000;

    private static byte[] bytes(String key, long... suffix) {
        byte[] raw = key.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(raw.length + suffix.length * Long.BYTES).put(raw);
        for (long value : suffix) {
            buffer.putLong(value);
        }
        return buffer.array();
    }

    @Test
    void timeWindowedKeysAreTheKeyThenTheWindowStart() {
        Serde<Windowed<String>> serde = WindowedSerdes.timeWindowedSerdeFrom(String.class, MINUTE);
        Windowed<String> windowed = new Windowed<>("alice", new TimeWindow(2 * MINUTE, 3 * MINUTE));

        byte[] written = serde.serializer().serialize("t", windowed);

        assertThat(written).isEqualTo(bytes("alice", 2 * MINUTE));
        assertThat(serde.deserializer().deserialize("t", written)).isEqualTo(windowed);
    }

    @Test
    void theWindowEndComesFromTheReadersWindowSizeAndSaturates() {
        TimeWindowedDeserializer<String> reader = new TimeWindowedDeserializer<>(new StringDeserializer(), 10L);

        assertThat(reader.deserialize("t", bytes("k", 5)).window()).isEqualTo(new TimeWindow(5, 15));
        assertThat(reader.deserialize("t", bytes("k", Long.MAX_VALUE - 3)).window().end()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void changelogKeysCarryASequenceNumberAfterTheStart() {
        WindowedSerdes.TimeWindowedSerde<String> serde =
            new WindowedSerdes.TimeWindowedSerde<>(Serdes.String(), MINUTE).forChangelog(true);
        byte[] changelogKey = ByteBuffer.allocate(5 + 12).put("alice".getBytes(StandardCharsets.UTF_8))
            .putLong(MINUTE).putInt(7).array();

        assertThat(serde.deserializer().deserialize("app-store-changelog", changelogKey))
            .isEqualTo(new Windowed<>("alice", new TimeWindow(MINUTE, 2 * MINUTE)));
    }

    @Test
    void sessionWindowedKeysAreTheKeyThenTheEndThenTheStart() {
        Serde<Windowed<String>> serde = WindowedSerdes.sessionWindowedSerdeFrom(String.class);
        Windowed<String> session = new Windowed<>("bob", new SessionWindow(1_000, 4_000));

        byte[] written = serde.serializer().serialize("t", session);

        assertThat(written).isEqualTo(bytes("bob", 4_000, 1_000));
        assertThat(serde.deserializer().deserialize("t", written)).isEqualTo(session);
    }

    @Test
    void nullsStayNull() {
        Serde<Windowed<String>> time = WindowedSerdes.timeWindowedSerdeFrom(String.class, MINUTE);
        Serde<Windowed<String>> session = WindowedSerdes.sessionWindowedSerdeFrom(String.class);

        assertThat(time.serializer().serialize("t", null)).isNull();
        assertThat(time.deserializer().deserialize("t", null)).isNull();
        assertThat(session.serializer().serialize("t", null)).isNull();
        assertThat(session.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void serdesBuiltByClassNameTakeTheirInnerSerdeAndWindowSizeFromTheConfig() {
        WindowedSerdes.TimeWindowedSerde<String> time = new WindowedSerdes.TimeWindowedSerde<>();
        time.configure(Map.of(TimeWindowedSerializer.WINDOWED_INNER_SERIALIZER_CLASS, StringSerializer.class,
            TimeWindowedDeserializer.WINDOWED_INNER_DESERIALIZER_CLASS, StringDeserializer.class.getName(),
            TimeWindowedDeserializer.WINDOW_SIZE_MS_CONFIG, "1000"), true);
        Windowed<String> windowed = new Windowed<>("k", new TimeWindow(3_000, 4_000));

        assertThat(time.deserializer().deserialize("t", time.serializer().serialize("t", windowed)))
            .isEqualTo(windowed);
        assertThat(((TimeWindowedDeserializer<String>) time.deserializer()).getWindowSize()).isEqualTo(1_000L);
    }

    @Test
    void aMissingInnerClassOrWindowSizeIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> new TimeWindowedSerializer<String>().configure(Map.of(), true))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(TimeWindowedSerializer.WINDOWED_INNER_SERIALIZER_CLASS);
        assertThatThrownBy(() -> new TimeWindowedDeserializer<String>().configure(
                Map.of(TimeWindowedDeserializer.WINDOWED_INNER_DESERIALIZER_CLASS, StringDeserializer.class), true))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining(TimeWindowedDeserializer.WINDOW_SIZE_MS_CONFIG);
        assertThatThrownBy(() -> new SessionWindowedDeserializer<String>().configure(
                Map.of(SessionWindowedDeserializer.WINDOWED_INNER_DESERIALIZER_CLASS, "no.such.Deserializer"), true))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("no.such.Deserializer");
    }

    @Test
    void aTooShortWindowedKeyNamesTheTopic() {
        TimeWindowedDeserializer<String> reader = new TimeWindowedDeserializer<>(new StringDeserializer(), 10L);

        assertThatThrownBy(() -> reader.deserialize("clicks-per-minute", new byte[] {1, 2, 3}))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clicks-per-minute");
    }

    @ParameterizedTest
    @EnumSource(Materialized.StoreType.class)
    void windowedAggregationResultsRoundTripThroughTheOutputTopic(Materialized.StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .groupByKey()
            .windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(1)))
            .count(Materialized.<String, Long, WindowStore<Bytes, byte[]>>as("per-minute")
                .withKeySerde(Serdes.String()).withValueSerde(Serdes.Long()).withStoreType(storeType))
            .toStream()
            .to("counts", Produced.with(WindowedSerdes.timeWindowedSerdeFrom(String.class, MINUTE), Serdes.Long()));
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build())) {
            TestInputTopic<String, String> clicks = driver.createInputTopic("clicks", new StringSerializer(),
                new StringSerializer());
            TestOutputTopic<Windowed<String>, Long> counts = driver.createOutputTopic("counts",
                new TimeWindowedDeserializer<>(new StringDeserializer(), MINUTE), new LongDeserializer());
            clicks.pipeInput("alice", "/a", 59_999L);
            clicks.pipeInput("alice", "/b", MINUTE);

            assertThat(counts.readRecordsToList()).extracting(r -> r.key(), r -> r.value(), r -> r.timestamp())
                .containsExactly(tuple(new Windowed<>("alice", new TimeWindow(0, MINUTE)), 1L, 59_999L),
                    tuple(new Windowed<>("alice", new TimeWindow(MINUTE, 2 * MINUTE)), 1L, MINUTE));
        }
    }
}
