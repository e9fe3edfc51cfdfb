package io.sluice.benchmarks.storage;

import static io.sluice.log.record.RecordBatchDescriptor.BASE_OFFSET_OFFSET;
import static io.sluice.log.record.RecordBatchDescriptor.HEADER_SIZE;
import static io.sluice.log.record.RecordBatchDescriptor.LAST_OFFSET_DELTA_OFFSET;
import static io.sluice.log.record.RecordBatchDescriptor.LENGTH_OFFSET;
import static io.sluice.log.record.RecordBatchDescriptor.LOG_OVERHEAD;

import io.sluice.log.storage.AppendOrigin;
import io.sluice.log.storage.FetchResult;
import io.sluice.log.storage.FileSlice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Sequential read throughput of a pre-written log, as a consumer tailing from the start would read it, against a
 * plain {@link FileChannel} reading the very same segment file in chunks of the same size.
 *
 * <ul>
 *   <li>{@link #sluiceRead}: {@code read(nextOffset, fetchBytes, minOneBatch=true)}, then the slice's bytes are
 *   read into a reusable direct buffer (what sending them to a socket costs, minus the network), the complete
 *   batches in it are walked to find where the next fetch starts (a partial last batch is fetched again, as in
 *   Kafka). {@code bytes} counts the complete batches delivered.</li>
 *   <li>{@link #rawRead}: {@code fetchBytes}-sized positional reads of the segment file into a direct buffer,
 *   front to back. {@code bytes} counts bytes read.</li>
 * </ul>
 *
 * <p>The log ({@code logMiB}, one segment) is written once per trial and read from the page cache (hot: the
 * case of consumers keeping up with producers); each pass wraps back to the start.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Threads(1)
public class ReadBenchmark {
    @Param({"16x100", "1x1024"})
    public String shape;

    /** Bytes asked per read: 1 MiB is a consumer's default max.partition.fetch.bytes. */
    @Param({"65536", "1048576"})
    public int fetchBytes;

    @Param({"256"})
    public int logMiB;

    private StorageBench.OpenLog openLog;
    private long logEndOffset;
    private FileChannel rawChannel;
    private long rawFileSize;
    private ByteBuffer buffer;
    private long nextOffset;
    private long rawPosition;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ByteBuffer template = StorageBench.batch(shape, 42L);
        openLog = new StorageBench.OpenLog("read-", StorageBench.FLUSH_NEVER);
        ByteBuffer scratch = ByteBuffer.allocate(template.remaining());
        long target = (long) logMiB << 20;
        while (openLog.log.sizeInBytes() < target) {
            openLog.log.appendAsLeader(StorageBench.copyInto(template, scratch), 0, AppendOrigin.CLIENT);
        }
        logEndOffset = openLog.log.logEndOffset();
        if (openLog.log.segmentCount() != 1) {
            throw new IllegalStateException("Expected one segment, got " + openLog.log.segmentCount());
        }
        try (Stream<Path> files = Files.list(openLog.log.dir())) {
            List<Path> logs = files.filter(file -> file.getFileName().toString().endsWith(".log")).toList();
            if (logs.size() != 1) {
                throw new IllegalStateException("Expected one segment file, found " + logs);
            }
            rawChannel = FileChannel.open(logs.get(0), StandardOpenOption.READ);
        }
        rawFileSize = rawChannel.size();
        buffer = ByteBuffer.allocateDirect(Math.max(fetchBytes, template.remaining()));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        rawChannel.close();
        openLog.close();
    }

    @Benchmark
    public long sluiceRead(ByteCounters counters) {
        try {
            FetchResult result = openLog.log.read(nextOffset, fetchBytes, true);
            FileSlice slice = result.slice();
            buffer.clear().limit(slice.length());
            while (buffer.hasRemaining()) {
                if (slice.channel().read(buffer, slice.position() + buffer.position()) < 0) {
                    throw new IOException("Unexpected end of segment at " + (slice.position() + buffer.position()));
                }
            }
            int length = buffer.position();
            int position = 0;
            long last = nextOffset - 1;
            while (position + HEADER_SIZE <= length) {
                int size = LOG_OVERHEAD + buffer.getInt(position + LENGTH_OFFSET);
                if (position + size > length) {
                    break;
                }
                last = buffer.getLong(position + BASE_OFFSET_OFFSET) + buffer.getInt(position + LAST_OFFSET_DELTA_OFFSET);
                position += size;
            }
            counters.bytes += position;
            nextOffset = last + 1 >= logEndOffset ? 0L : last + 1;
            return last;
        } catch (IOException | RuntimeException e) {
            counters.failures++;
            nextOffset = 0L;
            return -1L;
        }
    }

    @Benchmark
    public long rawRead(ByteCounters counters) {
        try {
            buffer.clear().limit((int) Math.min(fetchBytes, rawFileSize - rawPosition));
            while (buffer.hasRemaining()) {
                if (rawChannel.read(buffer, rawPosition + buffer.position()) < 0) {
                    throw new IOException("Unexpected end of file at " + (rawPosition + buffer.position()));
                }
            }
            counters.bytes += buffer.position();
            rawPosition += buffer.position();
            if (rawPosition >= rawFileSize) {
                rawPosition = 0;
            }
            return rawPosition;
        } catch (IOException e) {
            counters.failures++;
            rawPosition = 0;
            return -1L;
        }
    }
}
