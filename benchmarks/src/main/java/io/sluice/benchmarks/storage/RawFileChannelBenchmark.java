package io.sluice.benchmarks.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * The machine's ceiling for {@link AppendBenchmark}: the same batch bytes written with a plain
 * {@link FileChannel} at the end of one file, from one thread, copied into a reusable heap buffer before each
 * write exactly as the append benchmark does.
 *
 * <ul>
 *   <li>{@link #write}: one batch per operation, never fsynced: the page-cache write bandwidth, the ceiling for
 *   {@code flush=never} appends.</li>
 *   <li>{@link #writeGroupAndForce}: {@code groupSize} batches written then one {@code force(false)}
 *   (fdatasync) per operation. With {@code groupSize} = N this is ideal group commit for N writers that each
 *   have one append in flight: no fsync can cover more than N of their batches, and nothing is spent on hand-off
 *   between threads. {@code groupSize=1} is the ceiling for one durable writer.</li>
 * </ul>
 *
 * <p>Like the append benchmark, each iteration writes a fresh file (the previous one is deleted unsynced).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
public class RawFileChannelBenchmark {

    /** One file written sequentially from one thread; recreated every iteration. */
    @State(Scope.Thread)
    public static class RawFile {
        @Param({"16x100", "1x1024"})
        public String shape;

        ByteBuffer template;
        final ByteBuffer buffer = ByteBuffer.allocate(StorageBench.MAX_BATCH_BYTES);
        int batchBytes;
        Path dir;
        Path file;
        FileChannel channel;

        @Setup(Level.Trial)
        public void setUp() {
            template = StorageBench.batch(shape, 42L);
            batchBytes = template.remaining();
            dir = StorageBench.newDataDir("raw-");
            file = dir.resolve("raw.log");
        }

        @Setup(Level.Iteration)
        public void openFile() throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }

        @TearDown(Level.Iteration)
        public void deleteFile() throws IOException {
            channel.close();
            Files.delete(file);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            StorageBench.deleteRecursively(dir);
        }

        void writeOneBatch() {
            ByteBuffer batch = StorageBench.copyInto(template, buffer);
            try {
                while (batch.hasRemaining()) {
                    channel.write(batch);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Batches per fsync for {@link #writeGroupAndForce}: 1 (one durable writer) or 8 (eight writers). */
    @State(Scope.Thread)
    public static class Group {
        @Param({"1", "8"})
        public int groupSize;
    }

    @Benchmark
    public int write(RawFile raw, ByteCounters counters) {
        try {
            raw.writeOneBatch();
            counters.bytes += raw.batchBytes;
        } catch (UncheckedIOException e) {
            counters.failures++;
        }
        return raw.buffer.position();
    }

    @Benchmark
    public int writeGroupAndForce(RawFile raw, Group group, ByteCounters counters) {
        try {
            for (int i = 0; i < group.groupSize; i++) {
                raw.writeOneBatch();
            }
            raw.channel.force(false);
            counters.bytes += (long) group.groupSize * raw.batchBytes;
        } catch (IOException | UncheckedIOException e) {
            counters.failures++;
        }
        return raw.buffer.position();
    }
}
