package io.sluice.log.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.record.Record;
import io.sluice.log.record.RecordBatch;
import io.sluice.log.record.RecordBatches;
import io.sluice.log.util.Time;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM (SIGKILL) while it appends durably from several threads, reopens its log and checks that
 * every append acknowledged as durable before the kill is there, byte for byte, exactly once.
 */
class CrashRecoveryIT {
    private static final int ACKS_BEFORE_KILL = 3_000;

    @TempDir
    Path dataDir;

    @Test
    void everyDurablyAcknowledgedAppendSurvivesKillDashNine() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        CountDownLatch enoughAcks = new CountDownLatch(ACKS_BEFORE_KILL);
        Process child = startChild();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith("ACK ")) {
                        acknowledged.add(line.substring(4));
                        enoughAcks.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // The stream ends with an error when the child is killed mid-line: the acks read so far stand.
            }
        });
        reader.start();

        boolean loaded = enoughAcks.await(60, TimeUnit.SECONDS);
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(loaded).as("child acknowledged %d appends before the timeout", acknowledged.size()).isTrue();

        List<String> stored = readAll();
        assertThat(new HashSet<>(stored)).as("every acknowledged append is readable after the crash")
            .containsAll(acknowledged);
        assertThat(stored).as("no append is stored twice").doesNotHaveDuplicates();
        assertThat(stored).allSatisfy(value -> {
            String[] ids = value.substring(1, value.indexOf('|')).split("-");
            assertThat(value).isEqualTo(CrashTestAppender.valueFor(Integer.parseInt(ids[0]), Long.parseLong(ids[1])));
        });
    }

    private Process startChild() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
            CrashTestAppender.class.getName(), dataDir.toString());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        return builder.start();
    }

    private List<String> readAll() throws Exception {
        List<String> values = new ArrayList<>();
        try (LogManager manager = new LogManager(LogManagerConfig.forDir(dataDir), Time.SYSTEM,
            topic -> new LogConfig(Map.of("segment.bytes", "65536")))) {
            PartitionLog log = manager.getLog(CrashTestAppender.TP).orElseThrow();
            long next = log.logStartOffset();
            while (next < log.logEndOffset()) {
                for (RecordBatch batch : RecordBatches.completeBatchesOf(log.read(next, 1 << 20, true).slice().readFully())) {
                    assertThat(batch.isValid()).isTrue();
                    for (Iterator<Record> records = batch.records(); records.hasNext(); ) {
                        values.add(StandardCharsets.UTF_8.decode(records.next().value()).toString());
                    }
                    next = batch.nextOffset();
                }
            }
        }
        return values;
    }
}
