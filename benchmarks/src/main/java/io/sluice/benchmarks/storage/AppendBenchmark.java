package io.sluice.benchmarks.storage;

import io.sluice.log.storage.AppendOrigin;
import io.sluice.log.storage.AppendResult;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code PartitionLog.appendAsLeader} throughput: each operation appends one record batch as a client's
 * produce request would. In {@code groupCommit} mode ({@code flush.messages=1}) the operation also waits for the
 * append's {@code durable()} future, as an acks=all producer does, so concurrent threads ({@code -t 8}) share
 * fsyncs; in {@code never} mode nothing is fsynced.
 *
 * <p>The {@code bytes} secondary result is the bandwidth in bytes/s (batch bytes × appends/s, summed over
 * threads); compare it with {@link RawFileChannelBenchmark} run in the same session. Both sides copy the
 * pre-built batch into a reusable per-thread heap buffer before each write (an append stamps offsets into its
 * buffer), so that copy cancels out of the ratio.
 *
 * <p>Each iteration starts on an empty segment: the previous iteration's segments are dropped without fsync, so
 * a run never holds more than one iteration of data on disk. In {@code groupCommit} mode each iteration prints
 * the observed group size (batches per fsync).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
public class AppendBenchmark {
    /** {@code <records>x<valueBytes>}: 16 records of 100 bytes, or one record of 1 KiB. */
    @Param({"16x100", "1x1024"})
    public String shape;

    /** {@code never}: flush.messages=Long.MAX_VALUE; {@code groupCommit}: flush.messages=1, wait for durable(). */
    @Param({"never", "groupCommit"})
    public String flush;

    private StorageBench.OpenLog openLog;
    private ByteBuffer template;
    private int batchBytes;
    private boolean durable;
    private long iterationStartOffset;
    private long iterationStartFsyncs;

    /** The reusable buffer each thread copies the batch into: appendAsLeader stamps offsets in place. */
    @State(Scope.Thread)
    public static class ThreadBuffer {
        final ByteBuffer buffer = ByteBuffer.allocate(StorageBench.MAX_BATCH_BYTES);
    }

    @Setup(Level.Trial)
    public void setUp() {
        durable = switch (flush) {
            case "never" -> false;
            case "groupCommit" -> true;
            default -> throw new IllegalArgumentException("flush must be never or groupCommit, got " + flush);
        };
        template = StorageBench.batch(shape, 42L);
        batchBytes = template.remaining();
        openLog = new StorageBench.OpenLog("append-", durable ? 1L : StorageBench.FLUSH_NEVER);
    }

    @Setup(Level.Iteration)
    public void startIteration() {
        iterationStartOffset = openLog.log.logEndOffset();
        iterationStartFsyncs = openLog.flusher.fsyncCount();
    }

    @TearDown(Level.Iteration)
    public void endIteration() {
        if (durable) {
            long batches = (openLog.log.logEndOffset() - iterationStartOffset) / StorageBench.recordsPerBatch(shape);
            long fsyncs = openLog.flusher.fsyncCount() - iterationStartFsyncs;
            System.out.printf("%n[group-commit] shape=%s batches=%d fsyncs=%d batches/fsync=%.2f%n",
                shape, batches, fsyncs, fsyncs == 0 ? 0.0 : (double) batches / fsyncs);
        }
        openLog.discardData();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        openLog.close();
    }

    @Benchmark
    public long append(ThreadBuffer threadBuffer, ByteCounters counters) {
        ByteBuffer batch = StorageBench.copyInto(template, threadBuffer.buffer);
        try {
            AppendResult result = openLog.log.appendAsLeader(batch, 0, AppendOrigin.CLIENT);
            if (durable) {
                result.durable().join();
            }
            counters.bytes += batchBytes;
            return result.lastOffset();
        } catch (RuntimeException e) {
            counters.failures++;
            return -1L;
        }
    }
}
