package io.sluice.streams;

import static io.sluice.streams.AppTestClients.await;
import static io.sluice.streams.AppTestClients.produce;
import static io.sluice.streams.AppTestClients.readLatestUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import io.sluice.streams.errors.LogAndContinueProductionExceptionHandler;
import io.sluice.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Produced;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code production.exception.handler} with real clients and broker: an output record larger than the producer's
 * {@code max.request.size} fails its send with {@link RecordTooLargeException}.
 */
class ProductionExceptionHandlerIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final String TOO_LARGE = "x".repeat(4000);

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    @TempDir
    Path stateDir;

    private Properties props(String applicationId) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.broker().bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L);
        // The producer refuses a record larger than this itself. (A topic's max.message.bytes makes the broker
        // refuse it, but kafka-clients then splits the batch and resends the record with a small neighbour that
        // still fits the split batch, forever.)
        props.put("producer.max.request.size", 1024);
        return props;
    }

    /** in → mapValues → out. */
    private static Topology copy(EmbeddedBroker broker, String input, String output) {
        broker.createTopic(input, 1, Map.of());
        broker.createTopic(output, 1, Map.of());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(value -> value)
            .to(output, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    @Test
    void byDefaultARefusedRecordStopsTheThreadWithTheSendErrorReachingTheUncaughtHandler(EmbeddedBroker broker)
        throws Exception {
        AtomicReference<Throwable> handled = new AtomicReference<>();
        StreamsApp app = new StreamsApp(copy(broker, "pe-fail-in", "pe-fail-out"), props("pe-fail"));
        app.setUncaughtExceptionHandler(exception -> {
            handled.set(exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        try {
            app.start();
            produce(broker.bootstrapServers(), "pe-fail-in", List.of(Map.entry("big", TOO_LARGE)));
            assertThat(await(() -> app.state() == StreamsApp.State.ERROR, TIMEOUT)).isTrue();
        } finally {
            app.close();
        }
        assertThat(handled.get()).hasMessageContaining("topic pe-fail-out")
            .hasMessageContaining("task 0_0").hasMessageContaining("offset 0 of pe-fail-in-0")
            .hasRootCauseInstanceOf(RecordTooLargeException.class);
    }

    @Test
    void logAndContinueSkipsTheRefusedRecordAndKeepsProcessing(EmbeddedBroker broker) throws Exception {
        Properties props = props("pe-continue");
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            LogAndContinueProductionExceptionHandler.class);
        AtomicReference<Throwable> handled = new AtomicReference<>();
        try (StreamsApp app = new StreamsApp(copy(broker, "pe-continue-in", "pe-continue-out"), props)) {
            app.setUncaughtExceptionHandler(exception -> {
                handled.set(exception);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            app.start();
            produce(broker.bootstrapServers(), "pe-continue-in", List.of(Map.entry("a", "before"),
                Map.entry("big", TOO_LARGE), Map.entry("c", "after")));
            Map<String, String> expected = Map.of("a", "before", "c", "after");
            Map<String, String> output = readLatestUntil(broker.bootstrapServers(), "pe-continue-out",
                new StringDeserializer(), new StringDeserializer(), expected::equals, TIMEOUT);
            assertThat(output).isEqualTo(expected);
            // Processing goes on after the skipped record: a later one is written too.
            produce(broker.bootstrapServers(), "pe-continue-in", List.of(Map.entry("d", "later")));
            Map<String, String> more = Map.of("a", "before", "c", "after", "d", "later");
            assertThat(readLatestUntil(broker.bootstrapServers(), "pe-continue-out", new StringDeserializer(),
                new StringDeserializer(), more::equals, TIMEOUT)).isEqualTo(more);
            assertThat(app.state()).isEqualTo(StreamsApp.State.RUNNING);
            assertThat(handled.get()).isNull();
        }
    }
}
