package io.sluice.streams.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.StreamsConfig;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TestOutputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.KStream;
import io.sluice.streams.kstream.Produced;
import io.sluice.streams.test.TestRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** Deserialization and processing exception handlers, and their dead letter queue, through the test driver. */
class ExceptionHandlersTest {
    private static final byte[] NOT_A_LONG = "abc".getBytes(StandardCharsets.UTF_8);

    /** in (String → Long) → mapValues (throws on 13) → "out"; and the same input, unmapped → "raw". */
    private static StreamsBuilder topology() {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Long> in = builder.stream("in", Consumed.with(Serdes.String(), Serdes.Long()));
        in.mapValues(value -> {
            if (value == 13L) {
                throw new IllegalStateException("unlucky " + value);
            }
            return "v" + value;
        }).to("out", Produced.with(Serdes.String(), Serdes.String()));
        in.mapValues(String::valueOf).to("raw", Produced.with(Serdes.String(), Serdes.String()));
        return builder;
    }

    private static TestInputTopic<byte[], byte[]> rawInput(TopologyTestDriver driver) {
        return driver.createInputTopic("in", new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longBytes(long value) {
        return Serdes.Long().serializer().serialize("in", value);
    }

    private static List<String> values(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer()).readValuesToList();
    }

    private static double dropped(TopologyTestDriver driver) {
        return driver.metrics().entrySet().stream()
            .filter(metric -> metric.getKey().name().equals("dropped-records-total"))
            .mapToDouble(metric -> (Double) ((KafkaMetric) metric.getValue()).metricValue()).sum();
    }

    @Test
    void byDefaultAnUndeserializableRecordFailsNamingTopicPartitionOffsetAndSource() {
        try (TopologyTestDriver driver = new TopologyTestDriver(topology().build(), new Properties())) {
            TestInputTopic<byte[], byte[]> in = rawInput(driver);
            in.pipeInput(bytes("a"), longBytes(1));

            assertThatThrownBy(() -> in.pipeInput(bytes("b"), NOT_A_LONG))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("Deserialization failed")
                .hasMessageContaining("offset 1 of in-0")
                .hasMessageContaining("KSTREAM-SOURCE-0000000000");
        }
    }

    @Test
    void logAndContinueSkipsTheRecordCountsItAndSendsItToTheDeadLetterQueue() {
        Properties props = new Properties();
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology().build(), props)) {
            TestInputTopic<byte[], byte[]> in = rawInput(driver);
            in.pipeInput(bytes("a"), longBytes(1));
            in.pipeInput(bytes("b"), NOT_A_LONG);
            in.pipeInput(bytes("c"), longBytes(2));

            assertThat(values(driver, "out")).containsExactly("v1", "v2");
            assertThat(dropped(driver)).isEqualTo(1.0);
            TestOutputTopic<byte[], byte[]> dlq = driver.createOutputTopic("dlq", new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
            TestRecord<byte[], byte[]> dead = dlq.readRecord();
            assertThat(dead.key()).isEqualTo(bytes("b"));
            assertThat(dead.value()).isEqualTo(NOT_A_LONG);
            assertThat(header(dead, "__streams.errors.topic")).isEqualTo("in");
            assertThat(header(dead, "__streams.errors.partition")).isEqualTo("0");
            assertThat(header(dead, "__streams.errors.offset")).isEqualTo("1");
            assertThat(header(dead, "__streams.errors.exception"))
                .isEqualTo("org.apache.kafka.common.errors.SerializationException");
            assertThat(header(dead, "__streams.errors.stacktrace")).contains("LongDeserializer");
            assertThat(dlq.isEmpty()).isTrue();
        }
    }

    @Test
    void aProcessorFailureFailsByDefaultNamingTheNodeAndRecord() {
        try (TopologyTestDriver driver = new TopologyTestDriver(topology().build(), new Properties())) {
            TestInputTopic<byte[], byte[]> in = rawInput(driver);

            assertThatThrownBy(() -> in.pipeInput(bytes("a"), longBytes(13)))
                .isInstanceOf(StreamsException.class)
                .hasMessageContaining("Processing failed")
                .hasMessageContaining("offset 0 of in-0")
                .hasMessageContaining("KSTREAM-MAPVALUES-0000000001")
                .hasRootCauseInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void logAndContinueStopsTheRecordAtTheFailingNodeOnlyAndDeadLettersTheRawInput() {
        Properties props = new Properties();
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            LogAndContinueProcessingExceptionHandler.class.getName());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, "dlq");
        try (TopologyTestDriver driver = new TopologyTestDriver(topology().build(), props)) {
            TestInputTopic<byte[], byte[]> in = rawInput(driver);
            in.pipeInput(bytes("a"), longBytes(12));
            in.pipeInput(bytes("b"), longBytes(13));
            in.pipeInput(bytes("c"), longBytes(14));

            assertThat(values(driver, "out")).containsExactly("v12", "v14");
            // The other path from the source is not affected by the failure in the first.
            assertThat(values(driver, "raw")).containsExactly("12", "13", "14");
            assertThat(dropped(driver)).isEqualTo(1.0);
            TestRecord<byte[], byte[]> dead = driver.createOutputTopic("dlq", new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).readRecord();
            assertThat(dead.key()).isEqualTo(bytes("b"));
            assertThat(dead.value()).isEqualTo(longBytes(13));
            assertThat(header(dead, "__streams.errors.message")).isEqualTo("unlucky 13");
        }
    }

    @Test
    @SuppressWarnings("deprecation") // the older config name and method are what this test is about
    void aHandlerWrittenAgainstTheOlderHandleMethodIsHonoured() {
        Properties props = new Properties();
        props.put(StreamsConfig.DEFAULT_DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, ContinueOldStyle.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology().build(), props)) {
            TestInputTopic<byte[], byte[]> in = rawInput(driver);
            in.pipeInput(bytes("a"), NOT_A_LONG);
            in.pipeInput(bytes("b"), longBytes(5));

            assertThat(values(driver, "raw")).containsExactly("5");
            assertThat(ContinueOldStyle.lastOffset).isZero();
        }
    }

    @Test
    void aHandlerReturningNullFailsClearly() {
        Properties props = new Properties();
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, ReturnsNull.class);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology().build(), props)) {
            assertThatThrownBy(() -> rawInput(driver).pipeInput(bytes("a"), NOT_A_LONG))
                .isInstanceOf(StreamsException.class).hasMessageContaining("returned null");
        }
    }

    @Test
    void anUnknownHandlerClassIsAConfigError() {
        Properties props = new Properties();
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, "com.example.Missing");
        assertThatThrownBy(() -> new TopologyTestDriver(topology().build(), props))
            .hasMessageContaining(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG)
            .hasMessageContaining("com.example.Missing");
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /** A handler written against the pre-4.1 method. */
    public static class ContinueOldStyle implements DeserializationExceptionHandler {
        static volatile long lastOffset = -1;

        @Override
        @SuppressWarnings("deprecation")
        public DeserializationHandlerResponse handle(ErrorHandlerContext context,
                                                     ConsumerRecord<byte[], byte[]> record, Exception exception) {
            lastOffset = context.offset();
            return DeserializationHandlerResponse.CONTINUE;
        }
    }

    /** A broken handler. */
    public static class ReturnsNull implements DeserializationExceptionHandler {
        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                    Exception exception) {
            return null;
        }
    }
}

