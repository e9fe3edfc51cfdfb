package io.sluice.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.embedded.EmbeddedBrokerExtension;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of one app, one a child JVM killed with SIGKILL while input keeps coming: the survivor takes over
 * the dead instance's tasks, restores their state from the changelogs, and ends with every record counted at least
 * once (at-least-once: records the dead instance processed after its last commit are counted again; the test
 * reports how many).
 */
class StreamsAppCrashIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    private static final int KEYS = 50;
    private static final int PER_KEY_PER_ROUND = 40;

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    @TempDir
    Path dir;

    private final List<Process> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(Process::destroyForcibly);
    }

    private static List<Map.Entry<String, String>> round(int round) {
        List<Map.Entry<String, String>> records = new ArrayList<>();
        for (int i = 0; i < PER_KEY_PER_ROUND; i++) {
            for (int key = 0; key < KEYS; key++) {
                records.add(Map.entry("key-" + key, "r" + round + "-" + i));
            }
        }
        return records;
    }

    private Process startChild(String bootstrap, Path stateDir, String applicationId, CountDownLatch running)
        throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            CrashableWordCount.class.getName(), bootstrap, stateDir.toString(), applicationId)
            .redirectError(dir.resolve("child.stderr").toFile()).start();
        children.add(child);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals("RUNNING")) {
                        running.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the child was killed: its output ends
            }
        }, "crash-child-stdout");
        reader.setDaemon(true);
        reader.start();
        return child;
    }

    /** How many members of the app's consumer group own partitions of the input topic. */
    private static int membersOwningInput(String bootstrap, String applicationId) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId))
                .describedGroups().get(applicationId).get(10, TimeUnit.SECONDS);
            return (int) group.members().stream().filter(member -> member.assignment().topicPartitions().stream()
                .anyMatch(partition -> partition.topic().equals(CrashableWordCount.INPUT))).count();
        } catch (Exception e) {
            return -1; // the group is not there yet: ask again
        }
    }

    @Test
    void theSurvivorTakesOverAKilledInstanceAndNoRecordIsLost() throws Exception {
        String bootstrap = BROKER.broker().bootstrapServers();
        BROKER.broker().createTopic(CrashableWordCount.INPUT, 4, Map.of());
        String applicationId = "crash-app";
        CountDownLatch childRunning = new CountDownLatch(1);
        Process child = startChild(bootstrap, dir.resolve("child-state"), applicationId, childRunning);
        assertThat(childRunning.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).as("child app running").isTrue();

        try (StreamsApp survivor = new StreamsApp(CrashableWordCount.topology(),
                CrashableWordCount.props(bootstrap, dir.resolve("survivor-state").toString(), applicationId))) {
            survivor.start();
            assertThat(AppTestClients.await(() -> survivor.state() == StreamsApp.State.RUNNING, TIMEOUT)).isTrue();

            assertThat(AppTestClients.await(() -> membersOwningInput(bootstrap, applicationId) == 2, TIMEOUT))
                .as("both instances own input partitions (so the killed one has tasks to take over)").isTrue();
            AppTestClients.produce(bootstrap, CrashableWordCount.INPUT, round(1));
            // Both instances have counted round 1 (each key's count reached it), so the child owned state.
            Map<String, Long> afterFirst = AppTestClients.readLatestUntil(bootstrap, CrashableWordCount.OUTPUT,
                new StringDeserializer(), new LongDeserializer(),
                counts -> counts.size() == KEYS && counts.values().stream().allMatch(c -> c >= PER_KEY_PER_ROUND),
                TIMEOUT);
            assertThat(afterFirst).hasSize(KEYS);

            child.destroyForcibly(); // SIGKILL: no commit, no clean close
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            AppTestClients.produce(bootstrap, CrashableWordCount.INPUT, round(2));

            long expected = 2L * PER_KEY_PER_ROUND;
            Map<String, Long> finalCounts = AppTestClients.readLatestUntil(bootstrap, CrashableWordCount.OUTPUT,
                new StringDeserializer(), new LongDeserializer(),
                counts -> counts.size() == KEYS && counts.values().stream().allMatch(c -> c >= expected), TIMEOUT);

            assertThat(finalCounts).hasSize(KEYS);
            assertThat(finalCounts.values()).allMatch(count -> count >= expected);
            long duplicates = finalCounts.values().stream().mapToLong(count -> count - expected).sum();
            System.out.println("[crash test] records counted twice after the SIGKILL (at-least-once): "
                + duplicates + " of " + expected * KEYS);
            // Only what the killed instance processed after its last commit can be counted twice.
            assertThat(duplicates).isLessThanOrEqualTo((long) PER_KEY_PER_ROUND * KEYS);
        }
    }
}
