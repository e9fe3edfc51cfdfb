package io.sluice.streams.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.errors.LockException;
import io.sluice.streams.processor.TaskId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {
    @TempDir
    Path stateDir;

    @Test
    void aSecondInstanceInTheSameJvmFailsFastNamingTheDirectoryUntilTheFirstCloses() {
        StateDirectory first = new StateDirectory(stateDir, "app");
        StateDirectory second = new StateDirectory(stateDir, "app");
        try {
            first.lock();
            Path appDir = stateDir.resolve("app");
            assertThat(appDir.resolve(".lock")).exists();

            assertThatThrownBy(second::lock).isInstanceOf(LockException.class)
                .hasMessageContaining(appDir.toString()).hasMessageContaining("another instance in this JVM");
            assertThat(second.isLocked()).isFalse();
            assertThat(first.isLocked()).isTrue();

            // Another application id under the same state.dir is another directory: no conflict.
            try (StateDirectory other = new StateDirectory(stateDir, "other-app")) {
                other.lock();
            }

            first.close();
            second.lock();
            assertThat(second.isLocked()).isTrue();
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void aDirectoryLockedByAnotherProcessFailsFastAndIsFreeOnceThatProcessIsKilled() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), StateDirectoryLockProbe.class.getName(),
            stateDir.toString(), "app").redirectErrorStream(true).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
            String line;
            do {
                line = output.readLine(); // ends (null) if the child dies
            } while (line != null && !line.equals("LOCKED"));
            assertThat(line).as("the child JVM locked the directory").isEqualTo("LOCKED");

            StateDirectory directory = new StateDirectory(stateDir, "app");
            assertThatThrownBy(directory::lock).isInstanceOf(LockException.class)
                .hasMessageContaining(stateDir.resolve("app").toString()).hasMessageContaining("another process");

            child.destroyForcibly(); // SIGKILL: the OS releases the lock, nothing stale stays behind
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            directory.lock();
            assertThat(directory.isLocked()).isTrue();
            directory.close();
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void taskDirectoriesNeedTheLockAndAreNamedByTaskId() {
        try (StateDirectory directory = new StateDirectory(stateDir, "app")) {
            assertThatThrownBy(() -> directory.taskDir(new TaskId(0, 1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(stateDir.resolve("app").toString());

            directory.lock();
            Path taskDir = directory.taskDir(new TaskId(0, 1));

            assertThat(taskDir).isEqualTo(stateDir.resolve("app").resolve("0_1")).isDirectory();
            assertThat(directory.checkpoint(new TaskId(2, 3)).file())
                .isEqualTo(stateDir.resolve("app").resolve("2_3").resolve(".checkpoint"));
        }
    }

    @Test
    void aTaskDirectoryInUseByOneThreadIsRefusedToAnotherUntilEveryAcquisitionIsReleased() {
        try (StateDirectory directory = new StateDirectory(stateDir, "app")) {
            directory.lock();
            TaskId task = new TaskId(1, 0);
            Path dir = directory.tryAcquireTaskDir(task, "thread-1");
            assertThat(directory.tryAcquireTaskDir(task, "thread-1")).as("the owner again").isEqualTo(dir);

            assertThat(directory.tryAcquireTaskDir(task, "thread-2")).isNull();
            assertThat(directory.ownerOf(task)).isEqualTo("thread-1");
            directory.releaseTaskDir(task);
            assertThat(directory.tryAcquireTaskDir(task, "thread-2")).as("still acquired once").isNull();
            directory.releaseTaskDir(task);

            assertThat(directory.tryAcquireTaskDir(task, "thread-2")).isEqualTo(dir);
            assertThat(directory.ownerOf(task)).isEqualTo("thread-2");
        }
    }

    @Test
    void cleanUnownedDeletesOnlyTaskDirectoriesNotInUseAndUntouchedForTheDelay() throws Exception {
        try (StateDirectory directory = new StateDirectory(stateDir, "app")) {
            directory.lock();
            long now = System.currentTimeMillis();
            Path inUse = directory.tryAcquireTaskDir(new TaskId(0, 0), "thread-1");
            Path released = directory.tryAcquireTaskDir(new TaskId(0, 1), "thread-1");
            directory.releaseTaskDir(new TaskId(0, 1));
            Path recent = directory.taskDir(new TaskId(2, 0));
            Path dropped = directory.taskDir(new TaskId(1, 2));
            Files.createDirectories(dropped.resolve("rocksdb").resolve("counts"));
            Files.writeString(dropped.resolve("rocksdb").resolve("counts").resolve("000001.sst"), "data");
            Path notATask = Files.createDirectories(stateDir.resolve("app").resolve("backup"));
            for (Path old : List.of(inUse, released, dropped, notATask)) {
                Files.setLastModifiedTime(old, FileTime.fromMillis(now - 60_000));
            }

            assertThat(directory.cleanUnowned(10_000, now))
                .containsExactlyInAnyOrder(new TaskId(0, 1), new TaskId(1, 2));

            assertThat(inUse).as("acquired, never released").isDirectory();
            assertThat(recent).as("modified within the delay").isDirectory();
            assertThat(released).doesNotExist();
            assertThat(dropped).doesNotExist();
            assertThat(notATask).isDirectory();
            assertThat(stateDir.resolve("app").resolve(".lock")).exists();
        }
    }

    @Test
    void theProcessIdIsCreatedOnceAndReadBackByLaterInstances() throws Exception {
        UUID first;
        try (StateDirectory directory = new StateDirectory(stateDir, "app")) {
            directory.lock();
            first = directory.processId();
            assertThat(directory.processId()).isEqualTo(first);
        }
        Path file = stateDir.resolve("app").resolve(StateDirectory.PROCESS_FILE_NAME);
        assertThat(Files.readString(file)).isEqualTo("{\"processId\":\"" + first + "\"}");

        try (StateDirectory directory = new StateDirectory(stateDir, "app")) {
            directory.lock();
            assertThat(directory.processId()).as("after a restart").isEqualTo(first);
        }
    }

    @Test
    void anUnreadableProcessIdFileFailsNamingIt() throws Exception {
        try (StateDirectory directory = new StateDirectory(stateDir, "app")) {
            directory.lock();
            Path file = stateDir.resolve("app").resolve(StateDirectory.PROCESS_FILE_NAME);
            Files.writeString(file, "{\"processId\": 42");

            assertThatThrownBy(directory::processId).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("delete it");
        }
    }

    @Test
    void checkpointedOffsetSumsCoverTasksWithACheckpoint() {
        try (StateDirectory directory = new StateDirectory(stateDir, "app")) {
            directory.lock();
            directory.checkpoint(new TaskId(0, 0)).write(Map.of(new TopicPartition("app-a-changelog", 0), 10L,
                new TopicPartition("app-b-changelog", 0), 32L));
            directory.checkpoint(new TaskId(0, 1)).write(Map.of());
            directory.taskDir(new TaskId(0, 2)); // no checkpoint: a crash while processing

            assertThat(directory.checkpointedOffsetSums())
                .isEqualTo(Map.of(new TaskId(0, 0), 42L, new TaskId(0, 1), 0L));
        }
    }

    @Test
    void anApplicationIdIsRequired() {
        assertThatThrownBy(() -> new StateDirectory(stateDir, "")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("application.id");
    }
}
