package io.sluice.streams;

import static io.sluice.streams.AppTestClients.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import io.sluice.streams.errors.InvalidStateStoreException;
import io.sluice.streams.errors.StreamsNotStartedException;
import io.sluice.streams.errors.UnknownStateStoreException;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Grouped;
import io.sluice.streams.kstream.KGroupedStream;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.TimeWindows;
import io.sluice.streams.state.HostInfo;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.QueryableStoreTypes;
import io.sluice.streams.state.ReadOnlyKeyValueStore;
import io.sluice.streams.state.ReadOnlyWindowStore;
import io.sluice.streams.state.ValueAndTimestamp;
import io.sluice.streams.state.WindowStoreIterator;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Interactive queries on a running StreamsApp: real broker, clients and RocksDB stores. */
class InteractiveQueriesIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final HostInfo ENDPOINT = new HostInfo("localhost", 7070);
    private static final long WINDOW_MS = 60_000;

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
        props.put("application.server", ENDPOINT.toString());
        return props;
    }

    /**
     * Lines → words → groupBy word (repartition) → count "counts" and count per minute "counts-per-minute"; the
     * users topic as table "users".
     */
    private static Topology wordCount(String lines, String users) {
        StreamsBuilder builder = new StreamsBuilder();
        KGroupedStream<String, String> words = builder.stream(lines, Consumed.with(Serdes.String(), Serdes.String()))
            .flatMapValues(line -> Arrays.asList(line.toLowerCase().split("\\W+")))
            .groupBy((key, word) -> word, Grouped.with(Serdes.String(), Serdes.String()));
        words.count(Materialized.as("counts"));
        words.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMillis(WINDOW_MS)))
            .count(Materialized.as("counts-per-minute"));
        builder.table(users, Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("users"));
        return builder.build();
    }

    /** Sends the records with one timestamp; returns the partition the producer put the last one in. */
    private static int produce(String topic, long timestamp, String... keysAndValues) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", BROKER.broker().bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
            new StringSerializer())) {
            int partition = -1;
            for (int i = 0; i < keysAndValues.length; i += 2) {
                partition = producer.send(new ProducerRecord<>(topic, null, timestamp, keysAndValues[i],
                    keysAndValues[i + 1])).get().partition();
            }
            return partition;
        }
    }

    /**
     * Waits until {@code read} gives {@code expected}; a read failing with {@link InvalidStateStoreException} (the
     * app is rebalancing, the task is not there yet) counts as not yet.
     */
    private static <V> V awaitRead(Supplier<V> read, V expected) throws InterruptedException {
        await(() -> {
            try {
                return Objects.equals(read.get(), expected);
            } catch (InvalidStateStoreException e) {
                return false;
            }
        }, TIMEOUT);
        return read.get();
    }

    @Test
    void queriesBeforeStartFailAsNotStarted() {
        try (StreamsApp app = new StreamsApp(wordCount("iq-early", "iq-early-users"), props("iq-early"))) {
            assertThatThrownBy(() -> app.store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.keyValueStore())))
                .isInstanceOf(StreamsNotStartedException.class).hasMessageContaining("iq-early");
            assertThat(app.metadataForKey("counts", "hello", new StringSerializer()))
                .isEqualTo(KeyQueryMetadata.NOT_AVAILABLE);
        }
    }

    @Test
    void keyValueTimestampedAndWindowStoresAnswerWhileTheAppRuns(EmbeddedBroker broker) throws Exception {
        broker.createTopic("iq-lines", 2, Map.of());
        broker.createTopic("iq-users", 3, Map.of());
        try (StreamsApp app = new StreamsApp(wordCount("iq-lines", "iq-users"), props("iq"))) {
            app.start();
            assertThat(await(() -> app.state() == StreamsApp.State.RUNNING, TIMEOUT)).isTrue();
            ReadOnlyKeyValueStore<String, Long> counts = app.store(StoreQueryParameters.fromNameAndType("counts",
                QueryableStoreTypes.keyValueStore()));
            long timestamp = System.currentTimeMillis();
            produce("iq-lines", timestamp, "l1", "hello world", "l2", "Hello again", "l3", "hello");

            assertThat(awaitRead(() -> counts.get("hello"), 3L)).isEqualTo(3L);
            assertThat(counts.get("world")).isEqualTo(1L);
            assertThat(counts.get("never")).isNull();
            Map<String, Long> all = new HashMap<>();
            try (KeyValueIterator<String, Long> iterator = counts.all()) { // a scan over both tasks' stores
                iterator.forEachRemaining(entry -> all.put(entry.key, entry.value));
            }
            assertThat(all).isEqualTo(Map.of("hello", 3L, "world", 1L, "again", 1L));

            ReadOnlyKeyValueStore<String, ValueAndTimestamp<Long>> timestamped = app.store(
                StoreQueryParameters.fromNameAndType("counts", QueryableStoreTypes.timestampedKeyValueStore()));
            assertThat(timestamped.get("again")).isEqualTo(ValueAndTimestamp.make(1L, timestamp));

            ReadOnlyWindowStore<String, Long> perMinute = app.store(StoreQueryParameters.fromNameAndType(
                "counts-per-minute", QueryableStoreTypes.windowStore()));
            long windowStart = timestamp - timestamp % WINDOW_MS;
            assertThat(awaitRead(() -> perMinute.fetch("hello", windowStart), 3L)).isEqualTo(3L);
            assertThat(perMinute.fetch("hello", windowStart - WINDOW_MS)).isNull();
            try (WindowStoreIterator<Long> windows = perMinute.fetch("world", Instant.ofEpochMilli(windowStart),
                Instant.ofEpochMilli(timestamp))) {
                assertThat(windows.next()).isEqualTo(KeyValue.pair(windowStart, 1L));
                assertThat(windows.hasNext()).isFalse();
            }

            // Stores keep answering as the app goes on: the view looks the tasks up on every read.
            produce("iq-lines", timestamp, "l4", "hello");
            assertThat(awaitRead(() -> counts.get("hello"), 4L)).isEqualTo(4L);
        }
    }

    @Test
    void anUnknownStoreOrAWrongTypeFailsClearly(EmbeddedBroker broker) throws Exception {
        broker.createTopic("iq-bad-lines", 1, Map.of());
        broker.createTopic("iq-bad-users", 1, Map.of());
        try (StreamsApp app = new StreamsApp(wordCount("iq-bad-lines", "iq-bad-users"), props("iq-bad"))) {
            app.start();
            assertThatThrownBy(() -> app.store(StoreQueryParameters.fromNameAndType("no-such-store",
                QueryableStoreTypes.keyValueStore())))
                .isInstanceOf(UnknownStateStoreException.class).hasMessageContaining("no-such-store");
            assertThat(await(() -> app.state() == StreamsApp.State.RUNNING, TIMEOUT)).isTrue();
            ReadOnlyWindowStore<String, Long> notAWindowStore = app.store(StoreQueryParameters.fromNameAndType(
                "counts", QueryableStoreTypes.windowStore()));
            assertThatThrownBy(() -> notAWindowStore.fetch("hello", 0L))
                .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("counts");
        }
        StreamsApp closed = new StreamsApp(wordCount("iq-bad-lines", "iq-bad-users"), props("iq-bad"));
        closed.close();
        assertThatThrownBy(() -> closed.store(StoreQueryParameters.fromNameAndType("counts",
            QueryableStoreTypes.keyValueStore())))
            .isInstanceOf(InvalidStateStoreException.class).isNotInstanceOf(StreamsNotStartedException.class)
            .hasMessageContaining("NOT_RUNNING");
    }

    @Test
    void metadataForKeyGivesThePartitionTheProducerUsedAndThisInstanceAsItsHost(EmbeddedBroker broker)
        throws Exception {
        broker.createTopic("iq-meta-lines", 1, Map.of());
        broker.createTopic("iq-meta-users", 3, Map.of());
        try (StreamsApp app = new StreamsApp(wordCount("iq-meta-lines", "iq-meta-users"), props("iq-meta"))) {
            app.start();
            assertThat(await(() -> app.state() == StreamsApp.State.RUNNING, TIMEOUT)).isTrue();
            for (String user : new String[] {"alice", "bob", "carol", "dave", "erin"}) {
                int produced = produce("iq-meta-users", System.currentTimeMillis(), user, user + "@example.com");
                KeyQueryMetadata metadata = app.metadataForKey("users", user, new StringSerializer());
                assertThat(metadata.partition()).as("partition of %s", user).isEqualTo(produced);
                assertThat(metadata.activeHost()).isEqualTo(ENDPOINT);
                // and the store of that partition has it
                ReadOnlyKeyValueStore<String, String> partitionStore = app.store(StoreQueryParameters
                    .fromNameAndType("users", QueryableStoreTypes.<String, String>keyValueStore())
                    .withPartition(metadata.partition()));
                assertThat(awaitRead(() -> partitionStore.get(user), user + "@example.com"))
                    .isEqualTo(user + "@example.com");
            }
            assertThatThrownBy(() -> app.metadataForKey("no-such-store", "alice", new StringSerializer()))
                .isInstanceOf(UnknownStateStoreException.class);
        }
    }

    @Test
    void streamsMetadataNamesThisInstanceWithItsStoresAndPartitions(EmbeddedBroker broker) throws Exception {
        broker.createTopic("iq-clients-lines", 2, Map.of());
        broker.createTopic("iq-clients-users", 2, Map.of());
        try (StreamsApp app = new StreamsApp(wordCount("iq-clients-lines", "iq-clients-users"),
            props("iq-clients"))) {
            assertThatThrownBy(app::metadataForAllStreamsClients).isInstanceOf(StreamsNotStartedException.class);
            app.start();
            assertThat(await(() -> app.state() == StreamsApp.State.RUNNING, TIMEOUT)).isTrue();

            Collection<StreamsMetadata> clients = app.metadataForAllStreamsClients();
            assertThat(clients).hasSize(1);
            StreamsMetadata self = clients.iterator().next();
            assertThat(self.hostInfo()).isEqualTo(ENDPOINT);
            assertThat(self.stateStoreNames()).containsExactlyInAnyOrder("counts", "counts-per-minute", "users");
            assertThat(self.topicPartitions()).contains(new TopicPartition("iq-clients-lines", 0),
                new TopicPartition("iq-clients-lines", 1), new TopicPartition("iq-clients-users", 0),
                new TopicPartition("iq-clients-users", 1));
            assertThat(app.streamsMetadataForStore("users")).containsExactly(self);
            assertThat(app.streamsMetadataForStore("no-such-store")).isEmpty();
        }
    }
}
