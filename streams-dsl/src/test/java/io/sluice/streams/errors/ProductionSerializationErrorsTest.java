package io.sluice.streams.errors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.StreamsConfig;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Produced;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The production exception handler for output records that cannot be serialized, through the test driver; send
 * failures need a broker ({@code ProductionExceptionHandlerIT}).
 */
class ProductionSerializationErrorsTest {
    /** Serializes strings, except "poison". */
    private static final Serde<String> PICKY = Serdes.serdeFrom((topic, value) -> {
        if ("poison".equals(value)) {
            throw new IllegalArgumentException("cannot serialize " + value);
        }
        return new StringSerializer().serialize(topic, value);
    }, new StringDeserializer());

    /** in → mapValues (a processor, so the processing handler would see a throw) → out, values serialized by PICKY. */
    private static TopologyTestDriver driver(Properties props) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(value -> value)
            .to("out", Produced.with(Serdes.String(), PICKY));
        return new TopologyTestDriver(builder.build(), props);
    }

    @Test
    void byDefaultAnUnserializableOutputRecordFailsTheTaskWithoutAskingTheProcessingHandler() {
        Properties props = new Properties();
        // Were the serialization error a processing error, this handler would skip it.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            LogAndContinueProcessingExceptionHandler.class);
        try (TopologyTestDriver driver = driver(props)) {
            var input = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            assertThatThrownBy(() -> input.pipeInput("k", "poison")).isInstanceOf(StreamsException.class)
                .hasMessageContaining("Serializing the VALUE of an output record to topic out failed")
                .hasMessageContaining("offset 0 of in-0").hasMessageContaining("task 0_0")
                .hasRootCauseMessage("cannot serialize poison");
        }
    }

    @Test
    void logAndContinueSkipsTheUnserializableRecordAndKeepsProcessing() {
        Properties props = new Properties();
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            LogAndContinueProductionExceptionHandler.class);
        try (TopologyTestDriver driver = driver(props)) {
            var input = driver.createInputTopic("in", new StringSerializer(), new StringSerializer());
            input.pipeInput("a", "fine");
            input.pipeInput("b", "poison");
            input.pipeInput("c", "also fine");
            assertThat(driver.createOutputTopic("out", new StringDeserializer(), new StringDeserializer())
                .readKeyValuesToMap()).isEqualTo(Map.of("a", "fine", "c", "also fine"));
        }
    }

    @Test
    void theHandlerIsToldTheOriginAndTheRecordNotYetSerialized() {
        Properties props = new Properties();
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, RecordingHandler.class);
        RecordingHandler.seen = null;
        try (TopologyTestDriver driver = driver(props)) {
            driver.createInputTopic("in", new StringSerializer(), new StringSerializer()).pipeInput("k", "poison");
        }
        assertThat(RecordingHandler.seen).isEqualTo("VALUE out k=poison in-0@0");
    }

    /** Remembers what it was told, and resumes. */
    public static final class RecordingHandler implements ProductionExceptionHandler {
        static volatile String seen;

        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
                                    Exception exception) {
            return Response.fail();
        }

        @Override
        public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord<?, ?> record,
                                                 Exception exception, SerializationExceptionOrigin origin) {
            seen = origin + " " + record.topic() + " " + record.key() + "=" + record.value() + " " + context.topic()
                + "-" + context.partition() + "@" + context.offset();
            return Response.resume();
        }
    }
}
