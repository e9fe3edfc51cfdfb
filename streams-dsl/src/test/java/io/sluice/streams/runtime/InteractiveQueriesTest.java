package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.KeyValue;
import io.sluice.streams.StoreQueryParameters;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.errors.InvalidStateStoreException;
import io.sluice.streams.errors.UnknownStateStoreException;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.SessionWindows;
import io.sluice.streams.kstream.TimeWindows;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.QueryableStoreType;
import io.sluice.streams.state.QueryableStoreTypes;
import io.sluice.streams.state.ReadOnlyKeyValueStore;
import io.sluice.streams.state.ValueAndTimestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Interactive-query views over the live stores of several tasks, through {@link LocalStoreProvider}. */
class InteractiveQueriesTest {
    private static final Set<String> STORES = Set.of("counts", "per-minute", "sessions");
    private final List<TopologyTestDriver> drivers = new ArrayList<>();

    /** A driver standing in for one task: counts, windowed counts and session counts of the clicks it gets. */
    private TopologyTestDriver task(String... users) {
        StreamsBuilder builder = new StreamsBuilder();
        var clicks = builder.stream("clicks", Consumed.with(Serdes.String(), Serdes.String())).groupByKey();
        clicks.count(Materialized.as("counts"));
        clicks.windowedBy(TimeWindows.ofSizeWithNoGrace(Duration.ofMinutes(1))).count(Materialized.as("per-minute"));
        clicks.windowedBy(SessionWindows.ofInactivityGapWithNoGrace(Duration.ofMinutes(5)))
            .count(Materialized.as("sessions"));
        TopologyTestDriver driver = new TopologyTestDriver(builder.build());
        drivers.add(driver);
        TestInputTopic<String, String> input = driver.createInputTopic("clicks", new StringSerializer(),
            new StringSerializer());
        for (String user : users) {
            input.pipeInput(user, "/", 1_000L);
        }
        return driver;
    }

    @AfterEach
    void closeDrivers() {
        drivers.forEach(TopologyTestDriver::close);
    }

    private static <T> T query(Map<TaskId, TopologyTestDriver> tasks, StoreQueryParameters<T> query) {
        LocalStoreProvider provider = new LocalStoreProvider(() -> {
            Map<TaskId, Map<String, StateStore>> stores = new LinkedHashMap<>();
            tasks.forEach((id, driver) -> stores.put(id, driver.getAllStateStores()));
            return stores;
        }, STORES, query);
        return query.queryableStoreType().create(provider, query.storeName());
    }

    private static <T> StoreQueryParameters<T> params(String store, QueryableStoreType<T> type) {
        return StoreQueryParameters.fromNameAndType(store, type);
    }

    @Test
    void aKeyValueQueryReadsWhicheverTaskHoldsTheKeyAndScansThemAll() {
        Map<TaskId, TopologyTestDriver> tasks = Map.of(new TaskId(0, 0), task("alice", "alice"),
            new TaskId(0, 1), task("bob"));

        ReadOnlyKeyValueStore<String, Long> counts = query(tasks, params("counts", QueryableStoreTypes.keyValueStore()));

        assertThat(counts.get("alice")).isEqualTo(2L);
        assertThat(counts.get("bob")).isEqualTo(1L);
        assertThat(counts.get("carol")).isNull();
        assertThat(counts.approximateNumEntries()).isEqualTo(2L);
        List<KeyValue<String, Long>> all = new ArrayList<>();
        try (KeyValueIterator<String, Long> iterator = counts.all()) {
            iterator.forEachRemaining(all::add);
        }
        assertThat(all).containsExactlyInAnyOrder(KeyValue.pair("alice", 2L), KeyValue.pair("bob", 1L));
        ReadOnlyKeyValueStore<String, ValueAndTimestamp<Long>> timestamped =
            query(tasks, params("counts", QueryableStoreTypes.timestampedKeyValueStore()));
        assertThat(timestamped.get("alice")).isEqualTo(ValueAndTimestamp.make(2L, 1_000L));
    }

    @Test
    void windowAndSessionQueriesFindTheKeysTask() {
        Map<TaskId, TopologyTestDriver> tasks = Map.of(new TaskId(0, 0), task("alice"), new TaskId(0, 1),
            task("bob", "bob"));

        var perMinute = query(tasks, params("per-minute", QueryableStoreTypes.<String, Long>windowStore()));
        assertThat(perMinute.fetch("bob", 0L)).isEqualTo(2L);
        try (var windows = perMinute.fetch("bob", Instant.ofEpochMilli(0), Instant.ofEpochMilli(60_000))) {
            assertThat(windows.next()).isEqualTo(KeyValue.pair(0L, 2L));
            assertThat(windows.hasNext()).isFalse();
        }
        var sessions = query(tasks, params("sessions", QueryableStoreTypes.<String, Long>sessionStore()));
        try (var found = sessions.fetch("alice")) {
            assertThat(found.next().value).isEqualTo(1L);
        }
    }

    @Test
    void aPartitionQueryReadsOnlyThatTaskAndFailsWhenItIsNotHere() {
        Map<TaskId, TopologyTestDriver> tasks = Map.of(new TaskId(0, 0), task("alice"), new TaskId(0, 1),
            task("alice", "alice", "alice"));

        assertThat(query(tasks, params("counts", QueryableStoreTypes.<String, Long>keyValueStore()).withPartition(1))
            .get("alice")).isEqualTo(3L);
        var missing = query(tasks, params("counts", QueryableStoreTypes.<String, Long>keyValueStore())
            .withPartition(7));
        assertThatThrownBy(() -> missing.get("alice")).isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining("partition 7");
    }

    @Test
    void unknownNamesWrongTypesAndClosedStoresFailClearly() {
        TopologyTestDriver driver = task("alice");
        Map<TaskId, TopologyTestDriver> tasks = Map.of(new TaskId(0, 0), driver);

        assertThatThrownBy(() -> query(tasks, params("nope", QueryableStoreTypes.keyValueStore())).get("a"))
            .isInstanceOf(UnknownStateStoreException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> query(tasks, params("counts", QueryableStoreTypes.sessionStore())).fetch("a"))
            .isInstanceOf(InvalidStateStoreException.class).hasMessageContaining("counts");
        var counts = query(tasks, params("counts", QueryableStoreTypes.<String, Long>keyValueStore()));
        driver.close();
        assertThatThrownBy(() -> counts.get("alice")).isInstanceOf(InvalidStateStoreException.class)
            .hasMessageContaining("closed");
    }
}
