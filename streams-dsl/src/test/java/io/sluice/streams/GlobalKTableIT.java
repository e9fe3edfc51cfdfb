package io.sluice.streams;

import static io.sluice.streams.AppTestClients.await;
import static io.sluice.streams.AppTestClients.produce;
import static io.sluice.streams.AppTestClients.readLatestUntil;
import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import io.sluice.streams.errors.InvalidStateStoreException;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.GlobalKTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Produced;
import io.sluice.streams.processor.StateRestoreListener;
import io.sluice.streams.runtime.OffsetCheckpoint;
import io.sluice.streams.state.QueryableStoreTypes;
import io.sluice.streams.state.ReadOnlyKeyValueStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Global stores in a running app: a stream-GlobalKTable join on a real broker, with RocksDB and a checkpoint. */
class GlobalKTableIT {
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

    /** clicks (user → page) joined with the global table users (user → region) → out (user → page@region). */
    private static Topology clicksByRegion() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalKTable<String, String> users = builder.globalTable("gkt-users",
            Consumed.with(Serdes.String(), Serdes.String()), Materialized.as("users-global"));
        builder.stream("gkt-clicks", Consumed.with(Serdes.String(), Serdes.String()))
            .join(users, (user, page) -> user, (page, region) -> page + "@" + region)
            .to("gkt-out", Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    /** Remembers where each restore of a global partition started and ended. */
    private static final class Starts implements StateRestoreListener {
        final Map<TopicPartition, long[]> ranges = new ConcurrentHashMap<>();

        @Override
        public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset,
                                   long endingOffset) {
            ranges.put(partition, new long[] {startingOffset, endingOffset});
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset,
                                    long numRestored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
        }
    }

    @Test
    void streamGlobalTableJoinSeesUpdatesAfterStartAndRestartsFromTheCheckpoint(EmbeddedBroker broker)
        throws Exception {
        broker.createTopic("gkt-users", 2, Map.of());
        broker.createTopic("gkt-clicks", 2, Map.of());
        String servers = broker.bootstrapServers();
        produce(servers, "gkt-users", List.of(Map.entry("alice", "eu"), Map.entry("bob", "us")));

        try (StreamsApp app = new StreamsApp(clicksByRegion(), props("gkt"))) {
            Starts starts = new Starts();
            app.setGlobalStateRestoreListener(starts);
            app.start();
            produce(servers, "gkt-clicks", List.of(Map.entry("alice", "home"), Map.entry("bob", "cart")));
            Map<String, String> expected = Map.of("alice", "home@eu", "bob", "cart@us");
            assertThat(readLatestUntil(servers, "gkt-out", new StringDeserializer(), new StringDeserializer(),
                expected::equals, TIMEOUT)).isEqualTo(expected);
            // The bootstrap read both partitions from the beginning: two records in all.
            assertThat(starts.ranges.values().stream().mapToLong(range -> range[1] - range[0]).sum()).isEqualTo(2);

            // An update after start reaches the global store, then the join.
            produce(servers, "gkt-users", List.of(Map.entry("alice", "asia")));
            assertThat(await(() -> "asia".equals(regionOf(app, "alice")), TIMEOUT)).isTrue();
            produce(servers, "gkt-clicks", List.of(Map.entry("alice", "search")));
            Map<String, String> updated = Map.of("alice", "search@asia", "bob", "cart@us");
            assertThat(readLatestUntil(servers, "gkt-out", new StringDeserializer(), new StringDeserializer(),
                updated::equals, TIMEOUT)).isEqualTo(updated);
        }

        Map<TopicPartition, Long> checkpointed = OffsetCheckpoint.in(stateDir.resolve("gkt").resolve("global")).read();
        assertThat(checkpointed.keySet()).containsExactlyInAnyOrder(new TopicPartition("gkt-users", 0),
            new TopicPartition("gkt-users", 1));
        assertThat(checkpointed.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);

        // While the app is down, one more user; on restart only that record is read, the rest is on disk.
        produce(servers, "gkt-users", List.of(Map.entry("dave", "mars")));
        try (StreamsApp app = new StreamsApp(clicksByRegion(), props("gkt"))) {
            Starts starts = new Starts();
            app.setGlobalStateRestoreListener(starts);
            app.start();
            produce(servers, "gkt-clicks", List.of(Map.entry("dave", "launch"), Map.entry("bob", "checkout")));
            Map<String, String> expected = Map.of("alice", "search@asia", "bob", "checkout@us", "dave",
                "launch@mars");
            assertThat(readLatestUntil(servers, "gkt-out", new StringDeserializer(), new StringDeserializer(),
                expected::equals, TIMEOUT)).isEqualTo(expected);
            assertThat(starts.ranges).hasSize(1);
            starts.ranges.forEach((partition, range) -> {
                assertThat(range[0]).isEqualTo(checkpointed.get(partition));
                assertThat(range[1]).isEqualTo(range[0] + 1);
            });
        }
    }

    private static String regionOf(StreamsApp app, String user) {
        try {
            ReadOnlyKeyValueStore<String, String> users = app.store(StoreQueryParameters.fromNameAndType(
                "users-global", QueryableStoreTypes.keyValueStore()));
            return users.get(user);
        } catch (InvalidStateStoreException e) {
            return null; // not RUNNING yet: retry
        }
    }
}
