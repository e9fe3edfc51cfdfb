package io.sluice.log.storage;

import io.sluice.log.record.RecordBatchBuilder;
import io.sluice.log.util.Time;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The child process of {@link CrashRecoveryIT}: appends durably from several threads to one partition and prints
 * {@code ACK <value>} for every append whose durability future completed, until it is killed.
 */
public final class CrashTestAppender {
    static final TopicPartition TP = new TopicPartition("crash", 0);
    static final int THREADS = 4;

    private CrashTestAppender() {
    }

    /** The record value for a thread's n-th append: a 100-byte payload derived from both, checkable byte for byte. */
    static String valueFor(int thread, long sequence) {
        String prefix = "t" + thread + "-" + sequence + "|";
        StringBuilder value = new StringBuilder(prefix);
        while (value.length() < 100) {
            value.append((char) ('a' + (value.length() + thread + sequence) % 26));
        }
        return value.toString();
    }

    public static void main(String[] args) {
        Path dataDir = Path.of(args[0]);
        LogManager manager = new LogManager(new LogManagerConfig(Map.of("log.dir", dataDir.toString(),
            "log.flush.offset.checkpoint.interval.ms", "50")), Time.SYSTEM,
            topic -> new LogConfig(Map.of("segment.bytes", "65536")));
        PartitionLog log = manager.getOrCreateLog(TP);
        PrintStream out = System.out;
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread appender = new Thread(() -> {
                for (long seq = 0; ; seq++) {
                    String value = valueFor(thread, seq);
                    RecordBatchBuilder batch = new RecordBatchBuilder(0L);
                    batch.append(System.currentTimeMillis(), null, value.getBytes(StandardCharsets.UTF_8));
                    log.appendAsLeader(batch.build(), 0, AppendOrigin.CLIENT).durable().join();
                    synchronized (out) {
                        out.println("ACK " + value);
                        out.flush();
                    }
                }
            }, "appender-" + t);
            appender.start();
        }
    }
}
