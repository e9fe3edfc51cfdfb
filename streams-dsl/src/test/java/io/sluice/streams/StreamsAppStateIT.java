package io.sluice.streams;

import static io.sluice.streams.AppTestClients.await;
import static io.sluice.streams.AppTestClients.produce;
import static io.sluice.streams.AppTestClients.readLatestUntil;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import io.sluice.streams.errors.LockException;
import io.sluice.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import io.sluice.streams.processor.StateRestoreListener;
import io.sluice.streams.runtime.OffsetCheckpoint;
import io.sluice.streams.state.KeyValueIterator;
import io.sluice.streams.state.QueryableStoreTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real apps on the embedded broker with their state: two instances sharing a word count through the Streams
 * assignor, hand-over of tasks with their state restored from the changelog, restarts with an empty state
 * directory and with a checkpoint, and the state directory's lock.
 */
class StreamsAppStateIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int PARTITIONS = 4;
    private static final List<String> WORDS = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot",
        "golf", "hotel", "india", "juliet", "kilo", "lima");

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    @TempDir
    Path tmp;

    @Test
    void twoInstancesShareTheTasksAndTheSurvivorContinuesTheOthersCounts(EmbeddedBroker broker) throws Exception {
        String app = "state-share";
        broker.createTopic(app + "-in", PARTITIONS, Map.of());
        List<Path> dirs = List.of(tmp.resolve("a"), tmp.resolve("b"));
        List<RecordingRestoreListener> restores = List.of(new RecordingRestoreListener(),
            new RecordingRestoreListener());
        List<StreamsApp> apps = List.of(app(app, dirs.get(0)), app(app, dirs.get(1)));
        try {
            for (int i = 0; i < 2; i++) {
                apps.get(i).setGlobalStateRestoreListener(restores.get(i));
                apps.get(i).start();
            }
            assertThat(await(() -> bothMembersHaveTasks(app), TIMEOUT))
                .as("both instances own partitions in the group").isTrue();

            Map<String, Long> expected = new HashMap<>();
            produce(broker.bootstrapServers(), app + "-in", lines(0, 120, expected));
            assertThat(awaitCounts(app, expected)).isEqualTo(expected);

            // The assignor may keep every count task on one instance: the one that leaves is one that counted.
            assertThat(await(() -> dirs.stream().anyMatch(dir -> !countedIn(app, dir).isEmpty()), TIMEOUT))
                .as("a commit checkpointed the counts").isTrue();
            int leaving = countedIn(app, dirs.get(1)).isEmpty() ? 0 : 1;
            apps.get(leaving).close();
            Map<TopicPartition, Long> checkpointedByLeaver = countedIn(app, dirs.get(leaving));
            assertThat(checkpointedByLeaver).as("the leaver checkpointed its counts at close").isNotEmpty();

            produce(broker.bootstrapServers(), app + "-in", lines(120, 200, expected));
            assertThat(awaitCounts(app, expected)).as("counts continue from where they were").isEqualTo(expected);
            RecordingRestoreListener survivor = restores.get(1 - leaving);
            checkpointedByLeaver.forEach((partition, offset) -> assertThat(survivor.restoredTo(partition))
                .as("the survivor restored the leaver's changelog partition %s", partition)
                .isGreaterThanOrEqualTo(offset));
        } finally {
            apps.forEach(StreamsApp::close);
        }
    }

    @Test
    void withAStandbyTheSurvivorTakesOverRestoringOnlyWhatItsStandbyHadNotRead(EmbeddedBroker broker)
            throws Exception {
        String app = "state-standby";
        broker.createTopic(app + "-in", PARTITIONS, Map.of());
        List<Path> dirs = List.of(tmp.resolve("a"), tmp.resolve("b"));
        List<RecordingRestoreListener> restores = List.of(new RecordingRestoreListener(),
            new RecordingRestoreListener());
        Properties standby = new Properties();
        standby.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        List<StreamsApp> apps = List.of(app(app, dirs.get(0), standby), app(app, dirs.get(1), standby));
        try {
            for (int i = 0; i < 2; i++) {
                apps.get(i).setGlobalStateRestoreListener(restores.get(i));
                apps.get(i).start();
            }
            assertThat(await(() -> bothMembersHaveTasks(app), TIMEOUT)).isTrue();
            Map<String, Long> expected = new HashMap<>();
            produce(broker.bootstrapServers(), app + "-in", lines(0, 200, expected));
            assertThat(awaitCounts(app, expected)).isEqualTo(expected);
            Map<TopicPartition, Long> ends = endOffsets(app);
            // Every count task is active on one instance and standby on the other: both checkpoint all of them.
            for (Path dir : dirs) {
                assertThat(await(() -> checkpointsIn(app, dir).equals(ends), TIMEOUT))
                    .as("%s checkpointed every changelog partition at its end %s", dir, ends).isTrue();
            }
            int leaving = countsHere(apps.get(0)) > 0 ? 0 : 1;
            RecordingRestoreListener survivor = restores.get(1 - leaving);
            long restoredBefore = survivor.totalRestored();

            apps.get(leaving).close();
            produce(broker.bootstrapServers(), app + "-in", lines(200, 260, expected));

            assertThat(awaitCounts(app, expected)).as("counts continue on the survivor").isEqualTo(expected);
            assertThat(countsHere(apps.get(1 - leaving))).as("the survivor runs every count task")
                .isEqualTo(WORDS.size());
            long changelogRecords = ends.values().stream().mapToLong(Long::longValue).sum();
            assertThat(survivor.totalRestored() - restoredBefore)
                .as("its standbys were current: at most the leaver's last commit is restored, not %s records",
                    changelogRecords)
                .isLessThan(changelogRecords / 10);
        } finally {
            apps.forEach(StreamsApp::close);
        }
    }

    /**
     * A leaves B with two threads and standbys of B's tasks: B's tasks become active on A, often on the other thread
     * than the one holding the standby's RocksDB, which closes it in the same rebalance; the new owner waits for
     * the directory instead of dying on RocksDB's lock.
     */
    @Test
    void tasksMovingBetweenTwoThreadsOfOneInstanceWaitForTheirDirectory(EmbeddedBroker broker) throws Exception {
        String app = "state-threads";
        broker.createTopic(app + "-in", PARTITIONS, Map.of());
        Properties twoThreads = new Properties();
        twoThreads.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        twoThreads.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 2);
        Properties oneThread = new Properties();
        oneThread.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, 1);
        StreamsApp survivor = app(app, tmp.resolve("a"), twoThreads);
        StreamsApp leaver = app(app, tmp.resolve("b"), oneThread);
        List<Throwable> died = new CopyOnWriteArrayList<>();
        survivor.setUncaughtExceptionHandler(error -> {
            died.add(error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        try {
            survivor.start();
            leaver.start();
            assertThat(await(() -> groupHasMembersWithTasks(app, 3), TIMEOUT)).isTrue();
            Map<String, Long> expected = new HashMap<>();
            produce(broker.bootstrapServers(), app + "-in", lines(0, 200, expected));
            assertThat(awaitCounts(app, expected)).isEqualTo(expected);

            leaver.close();
            produce(broker.bootstrapServers(), app + "-in", lines(200, 260, expected));

            assertThat(awaitCounts(app, expected)).as("counts continue on the survivor").isEqualTo(expected);
            assertThat(await(() -> survivor.state() == StreamsApp.State.RUNNING, TIMEOUT)).isTrue();
            assertThat(countsHere(survivor)).as("the survivor runs every count task").isEqualTo(WORDS.size());
            assertThat(died).isEmpty();
        } finally {
            leaver.close();
            survivor.close();
        }
    }

    /** The words counted in the stores of the tasks running on {@code instance}. */
    private static long countsHere(StreamsApp instance) {
        try (KeyValueIterator<String, Long> all = instance.store(StoreQueryParameters.fromNameAndType("word-counts",
                QueryableStoreTypes.<String, Long>keyValueStore())).all()) {
            long words = 0;
            while (all.hasNext()) {
                all.next();
                words++;
            }
            return words;
        }
    }

    @Test
    void aRestartWithAnEmptyStateDirectoryRestoresFromTheChangelog(EmbeddedBroker broker) throws Exception {
        String app = "state-empty";
        broker.createTopic(app + "-in", PARTITIONS, Map.of());
        Map<String, Long> expected = new HashMap<>();
        try (StreamsApp first = app(app, tmp.resolve("first"))) {
            first.start();
            produce(broker.bootstrapServers(), app + "-in", lines(0, 100, expected));
            assertThat(awaitCounts(app, expected)).isEqualTo(expected);
        }

        RecordingRestoreListener restores = new RecordingRestoreListener();
        try (StreamsApp second = app(app, tmp.resolve("second"))) {
            second.setGlobalStateRestoreListener(restores);
            second.start();
            assertThat(await(() -> second.state() == StreamsApp.State.RUNNING, TIMEOUT)).isTrue();
            assertThat(restores.startOffsets()).as("every changelog partition restored from its beginning")
                .hasSize(PARTITIONS).allSatisfy((partition, start) -> assertThat(start).isZero());
            assertThat(restores.totalRestored()).isPositive();

            produce(broker.bootstrapServers(), app + "-in", lines(100, 150, expected));
            assertThat(awaitCounts(app, expected)).as("counts continue, not from zero").isEqualTo(expected);
        }
    }

    @Test
    void aRestartWithItsCheckpointRestoresOnlyTheTail(EmbeddedBroker broker) throws Exception {
        String app = "state-tail";
        broker.createTopic(app + "-in", PARTITIONS, Map.of());
        Path dir = tmp.resolve("own");
        Map<String, Long> expected = new HashMap<>();
        try (StreamsApp own = app(app, dir)) {
            own.start();
            produce(broker.bootstrapServers(), app + "-in", lines(0, 100, expected));
            assertThat(awaitCounts(app, expected)).isEqualTo(expected);
        }
        Map<TopicPartition, Long> checkpointed = checkpoints(dir.resolve(app));
        assertThat(checkpointed).as("a clean close checkpoints every count task").hasSize(PARTITIONS);

        // Another instance moves the changelogs on past that checkpoint.
        try (StreamsApp other = app(app, tmp.resolve("other"))) {
            other.start();
            produce(broker.bootstrapServers(), app + "-in", lines(100, 160, expected));
            assertThat(awaitCounts(app, expected)).isEqualTo(expected);
        }

        RecordingRestoreListener restores = new RecordingRestoreListener();
        try (StreamsApp own = app(app, dir)) {
            own.setGlobalStateRestoreListener(restores);
            own.start();
            assertThat(await(() -> own.state() == StreamsApp.State.RUNNING, TIMEOUT)).isTrue();
            long changelogRecords = endOffsets(app).values().stream().mapToLong(Long::longValue).sum();
            restores.startOffsets().forEach((partition, start) ->
                assertThat(start).as("restore of %s starts at the checkpoint", partition)
                    .isEqualTo(checkpointed.get(partition)));
            assertThat(restores.totalRestored()).as("only the tail after the checkpoint").isPositive()
                .isLessThan(changelogRecords);

            produce(broker.bootstrapServers(), app + "-in", lines(160, 200, expected));
            assertThat(awaitCounts(app, expected)).isEqualTo(expected);
        }
    }

    @Test
    void anInstanceKeepsItsProcessIdAcrossRestartsAndDeletesTaskDirectoriesItNoLongerUses(EmbeddedBroker broker)
            throws Exception {
        String app = "state-cleanup";
        broker.createTopic(app + "-in", PARTITIONS, Map.of());
        Path dir = tmp.resolve("own");
        Path appDir = dir.resolve(app);
        Path foreign = Files.createDirectories(appDir.resolve("7_7")); // a task this instance ran long ago
        Files.writeString(foreign.resolve(OffsetCheckpoint.FILE_NAME), "0\n0\n");
        Files.setLastModifiedTime(foreign, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Properties cleanup = new Properties();
        cleanup.put(StreamsConfig.STATE_CLEANUP_DELAY_MS_CONFIG, 200L);
        Path processFile = appDir.resolve("kafka-streams-process-metadata");
        Map<String, Long> expected = new HashMap<>();
        String processId;
        try (StreamsApp first = app(app, dir, cleanup)) {
            first.start();
            produce(broker.bootstrapServers(), app + "-in", lines(0, 50, expected));
            assertThat(awaitCounts(app, expected)).isEqualTo(expected);
            assertThat(await(() -> !Files.exists(foreign), TIMEOUT)).as("the unused task directory is deleted")
                .isTrue();
            assertThat(countedIn(app, dir)).as("the tasks in use keep theirs").hasSize(PARTITIONS);
            processId = Files.readString(processFile);
        }
        assertThat(processId).startsWith("{\"processId\":\"");

        try (StreamsApp second = app(app, dir, cleanup)) {
            second.start();
            assertThat(await(() -> second.state() == StreamsApp.State.RUNNING, TIMEOUT)).isTrue();
            assertThat(Files.readString(processFile)).as("the same client after a restart").isEqualTo(processId);
        }
    }

    @Test
    void aSecondInstanceOnTheSameStateDirectoryFailsStartNamingIt(EmbeddedBroker broker) {
        String app = "state-lock";
        broker.createTopic(app + "-in", 1, Map.of());
        Path dir = tmp.resolve("shared");
        try (StreamsApp first = app(app, dir)) {
            first.start();
            try (StreamsApp second = app(app, dir)) {
                assertThatThrownBy(second::start).isInstanceOf(LockException.class)
                    .hasMessageContaining(dir.resolve(app).toString());
                assertThat(second.state()).isEqualTo(StreamsApp.State.NOT_RUNNING);
            }
            assertThat(first.state().isRunningOrRebalancing()).isTrue();
        }
        try (StreamsApp third = app(app, dir)) {
            third.start(); // the first released the lock at close
            assertThat(third.state().isRunningOrRebalancing()).isTrue();
        }
    }

    private StreamsApp app(String applicationId, Path stateDir) {
        return app(applicationId, stateDir, new Properties());
    }

    private StreamsApp app(String applicationId, Path stateDir, Properties overrides) {
        Properties props = new Properties();
        props.putAll(overrides);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.broker().bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100L);
        return new StreamsApp(StreamsAppIT.wordCount(applicationId + "-in", applicationId + "-out"), props);
    }

    /** Lines {@code from} until {@code to}, three words each, added to {@code counts}. */
    private static List<Map.Entry<String, String>> lines(int from, int to, Map<String, Long> counts) {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        for (int i = from; i < to; i++) {
            List<String> words = IntStream.of(i, i * 7 + 3, i * 5 + 1).mapToObj(n -> WORDS.get(n % WORDS.size()))
                .toList();
            words.forEach(word -> counts.merge(word, 1L, Long::sum));
            lines.add(Map.entry("line-" + i, String.join(" ", words)));
        }
        return lines;
    }

    private static Map<String, Long> awaitCounts(String app, Map<String, Long> expected) {
        return readLatestUntil(BROKER.broker().bootstrapServers(), app + "-out", new StringDeserializer(),
            new LongDeserializer(), expected::equals, TIMEOUT);
    }

    private static boolean bothMembersHaveTasks(String groupId) {
        return groupHasMembersWithTasks(groupId, 2);
    }

    private static boolean groupHasMembersWithTasks(String groupId, int count) {
        try (Admin admin = admin()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).all().get()
                .get(groupId);
            List<MemberDescription> members = List.copyOf(group.members());
            return members.size() == count
                && members.stream().noneMatch(member -> member.assignment().topicPartitions().isEmpty());
        } catch (Exception e) {
            return false; // the group is not there yet
        }
    }

    /** The changelog partitions with counts (a positive offset) checkpointed under {@code stateDir}. */
    private static Map<TopicPartition, Long> countedIn(String app, Path stateDir) {
        Map<TopicPartition, Long> counted = new HashMap<>(checkpointsIn(app, stateDir));
        counted.values().removeIf(offset -> offset <= 0);
        return counted;
    }

    private static Map<TopicPartition, Long> checkpointsIn(String app, Path stateDir) {
        try {
            return checkpoints(stateDir.resolve(app));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read the checkpoints under " + stateDir, e);
        }
    }

    /** The checkpoints of every task under an application's state directory, merged. */
    private static Map<TopicPartition, Long> checkpoints(Path appDir) throws Exception {
        try (Stream<Path> taskDirs = Files.list(appDir)) {
            return taskDirs.map(taskDir -> taskDir.resolve(OffsetCheckpoint.FILE_NAME)).filter(Files::exists)
                .flatMap(file -> new OffsetCheckpoint(file).read().entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        }
    }

    private static Map<TopicPartition, Long> endOffsets(String app) throws Exception {
        String changelog = app + "-word-counts-changelog";
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < PARTITIONS; p++) {
                request.put(new TopicPartition(changelog, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        }
    }

    private static Admin admin() {
        return Admin.create(Map.of("bootstrap.servers", BROKER.broker().bootstrapServers()));
    }

    /** Records what the restores of all threads reported; thread-safe. */
    private static final class RecordingRestoreListener implements StateRestoreListener {
        private final Map<TopicPartition, Long> starts = new ConcurrentHashMap<>();
        private final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
        private final Map<TopicPartition, Long> totals = new ConcurrentHashMap<>();

        @Override
        public void onRestoreStart(TopicPartition partition, String storeName, long startingOffset,
                                   long endingOffset) {
            starts.put(partition, startingOffset);
            ends.put(partition, endingOffset);
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String storeName, long batchEndOffset,
                                    long numRestored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String storeName, long totalRestored) {
            totals.merge(partition, totalRestored, Long::sum);
        }

        Map<TopicPartition, Long> startOffsets() {
            return Map.copyOf(starts);
        }

        /** The end offset of the last restore of {@code partition}, or -1 when it was never restored. */
        long restoredTo(TopicPartition partition) {
            return totals.containsKey(partition) ? ends.get(partition) : -1;
        }

        long totalRestored() {
            return totals.values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
