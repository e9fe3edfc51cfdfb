package io.sluice.streams;

import static io.sluice.streams.AppTestClients.await;
import static io.sluice.streams.AppTestClients.produce;
import static io.sluice.streams.AppTestClients.readLatestUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Grouped;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Produced;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** StreamsApp end to end on a real broker, with real clients, RocksDB stores and state directories. */
class StreamsAppIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

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
        return props;
    }

    /** input → words → groupBy (repartition) → count → output. */
    static Topology wordCount(String input, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(line -> Arrays.asList(line.toLowerCase().split("\\W+")))
            .groupBy((key, word) -> word, Grouped.with(Serdes.String(), Serdes.String()))
            .count(Materialized.as("word-counts"))
            .toStream()
            .to(output, Produced.with(Serdes.String(), Serdes.Long()));
        return builder.build();
    }

    static List<Map.Entry<String, String>> lines(String... lines) {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            records.add(Map.entry("line-" + i, lines[i]));
        }
        return records;
    }

    @Test
    void wordCountEndToEndWithTwoThreadsOverTwoPartitions(EmbeddedBroker broker) throws Exception {
        broker.createTopic("wc-in", 2, Map.of());
        try (StreamsApp app = new StreamsApp(wordCount("wc-in", "wc-out"), withThreads(props("wc"), 2))) {
            app.start();
            produce(broker.bootstrapServers(), "wc-in", lines("the quick brown fox", "the lazy dog",
                "The fox jumps", "a dog barks at the fox"));
            Map<String, Long> expected = Map.of("the", 4L, "quick", 1L, "brown", 1L, "fox", 3L, "lazy", 1L,
                "dog", 2L, "jumps", 1L, "a", 1L, "barks", 1L, "at", 1L);
            Map<String, Long> counts = readLatestUntil(broker.bootstrapServers(), "wc-out", new StringDeserializer(),
                new LongDeserializer(), expected::equals, TIMEOUT);
            assertThat(counts).isEqualTo(expected);
            assertThat(stateDir.resolve("wc").resolve("1_0")).isDirectory();
        }
    }

    private static Properties withThreads(Properties props, int threads) {
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        return props;
    }

    @Test
    void streamTableJoinEndToEnd(EmbeddedBroker broker) throws Exception {
        broker.createTopic("join-users", 1, Map.of());
        broker.createTopic("join-clicks", 1, Map.of());
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> regions = builder.table("join-users", Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.as("user-regions"));
        builder.stream("join-clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .join(regions, (click, region) -> click + "@" + region)
            .to("join-out", Produced.with(Serdes.String(), Serdes.String()));
        try (StreamsApp app = new StreamsApp(builder.build(), props("join"))) {
            // The table first, so that the clicks (later timestamps) find their users: records of one task are
            // processed in timestamp order across its partitions.
            produce(broker.bootstrapServers(), "join-users", List.of(Map.entry("alice", "eu"), Map.entry("bob", "us")));
            produce(broker.bootstrapServers(), "join-clicks", List.of(Map.entry("alice", "home"),
                Map.entry("bob", "cart"), Map.entry("carol", "nowhere")));
            app.start();
            Map<String, String> expected = Map.of("alice", "home@eu", "bob", "cart@us");
            Map<String, String> joined = readLatestUntil(broker.bootstrapServers(), "join-out",
                new StringDeserializer(), new StringDeserializer(), expected::equals, TIMEOUT);
            assertThat(joined).isEqualTo(expected);
        }
    }

    @Test
    void stateListenerSeesCreatedRebalancingRunningPendingShutdownNotRunning(EmbeddedBroker broker)
        throws Exception {
        broker.createTopic("states-in", 1, Map.of());
        List<StreamsApp.State> seen = new CopyOnWriteArrayList<>();
        StreamsApp app = new StreamsApp(wordCount("states-in", "states-out"), props("states"));
        app.setStateListener((newState, oldState) -> {
            if (seen.isEmpty()) {
                seen.add(oldState);
            }
            seen.add(newState);
        });
        assertThat(app.state()).isEqualTo(StreamsApp.State.CREATED);
        app.start();
        assertThat(await(() -> app.state() == StreamsApp.State.RUNNING, TIMEOUT)).isTrue();
        assertThat(app.close(Duration.ofSeconds(30))).isTrue();
        assertThat(seen).containsExactly(StreamsApp.State.CREATED, StreamsApp.State.REBALANCING,
            StreamsApp.State.RUNNING, StreamsApp.State.PENDING_SHUTDOWN, StreamsApp.State.NOT_RUNNING);
        assertThatThrownBy(app::start).isInstanceOf(IllegalStateException.class);
    }

    /** input → a processor that throws on the value "boom" (once, or every time) → output. */
    private static Topology failingOn(String input, String output, AtomicBoolean failOnlyOnce) {
        AtomicBoolean failed = new AtomicBoolean();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
            .mapValues(value -> {
                if (value.equals("boom") && !(failOnlyOnce.get() && failed.getAndSet(true))) {
                    throw new IllegalStateException("poison value " + value);
                }
                return value.toUpperCase();
            })
            .to(output, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    @Test
    void processingErrorReachesTheHandlerAndShutdownClientEndsInError(EmbeddedBroker broker) throws Exception {
        broker.createTopic("fail-in", 1, Map.of());
        AtomicReference<Throwable> handled = new AtomicReference<>();
        StreamsApp app = new StreamsApp(failingOn("fail-in", "fail-out", new AtomicBoolean(false)),
            props("fail"));
        app.setUncaughtExceptionHandler(exception -> {
            handled.set(exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        try {
            app.start();
            produce(broker.bootstrapServers(), "fail-in", List.of(Map.entry("k", "boom")));
            assertThat(await(() -> app.state() == StreamsApp.State.ERROR, TIMEOUT)).isTrue();
            assertThat(handled.get()).isInstanceOf(StreamsException.class)
                .hasMessageContaining("offset 0 of fail-in-0").hasMessageContaining("task 0_0")
                .hasRootCauseMessage("poison value boom");
        } finally {
            app.close();
        }
        assertThat(app.state()).isEqualTo(StreamsApp.State.ERROR);
    }

    @Test
    void replaceThreadKeepsTheAppRunning(EmbeddedBroker broker) throws Exception {
        broker.createTopic("replace-in", 1, Map.of());
        List<Throwable> handled = new CopyOnWriteArrayList<>();
        try (StreamsApp app = new StreamsApp(failingOn("replace-in", "replace-out", new AtomicBoolean(true)),
            props("replace"))) {
            app.setUncaughtExceptionHandler(exception -> {
                handled.add(exception);
                return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            app.start();
            produce(broker.bootstrapServers(), "replace-in", List.of(Map.entry("a", "before"), Map.entry("b", "boom"),
                Map.entry("c", "after")));
            // The replacement reprocesses from the last commit; "boom" fails only the first time.
            Map<String, String> expected = Map.of("a", "BEFORE", "b", "BOOM", "c", "AFTER");
            Map<String, String> output = readLatestUntil(broker.bootstrapServers(), "replace-out",
                new StringDeserializer(), new StringDeserializer(), expected::equals, TIMEOUT);
            assertThat(output).isEqualTo(expected);
            assertThat(handled).hasSize(1);
            assertThat(await(() -> app.state() == StreamsApp.State.RUNNING, TIMEOUT)).isTrue();
        }
    }

    @Test
    void aMissingSourceTopicFailsStartNamingIt() {
        StreamsApp app = new StreamsApp(wordCount("no-such-topic", "never-out"), props("missing"));
        assertThatThrownBy(app::start).isInstanceOf(StreamsException.class)
            .hasMessageContaining("Source topic no-such-topic").hasMessageContaining("does not exist");
        assertThat(app.state()).isEqualTo(StreamsApp.State.NOT_RUNNING);
    }
}
