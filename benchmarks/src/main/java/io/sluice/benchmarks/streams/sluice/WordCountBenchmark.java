package io.sluice.benchmarks.streams.sluice;

import io.sluice.benchmarks.streams.OutputCounters;
import io.sluice.benchmarks.streams.StoreType;
import io.sluice.benchmarks.streams.StreamsBenchData;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TestOutputTopic;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link WordCountTopology} on Sluice's {@code TopologyTestDriver}: the score is <b>lines</b> per second
 * ({@value StreamsBenchData#WORDS_PER_LINE} words each, so {@code outputs} ≈ 8 × score). Each invocation pipes the
 * next {@value #BATCH} pre-generated lines one {@code pipeInput} at a time, then drains the output and internal
 * topics. One driver per trial; the store keeps at most {@value StreamsBenchData#VOCABULARY} keys.
 *
 * <p>The twin of the Kafka Streams baseline {@code io.sluice.benchmarks.streams.kafka.WordCountBenchmark}: the same
 * file but for the imports, and the same class, method and {@code @Param} names (run-streams.sh pairs results by
 * them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class WordCountBenchmark {
    static final int BATCH = 1_000;
    static final int LINES = 50_000;

    @Param({"rocksdb", "in_memory"})
    public String storeType;

    private String[] lines;
    private int next;
    private DriverHarness harness;
    private TestInputTopic<String, String> input;
    private TestOutputTopic<String, Long> output;

    @Setup(Level.Trial)
    public void setUp() {
        lines = StreamsBenchData.lines(LINES, StreamsBenchData.SEED);
        harness = new DriverHarness("wordcount-" + storeType, WordCountTopology.build(StoreType.of(storeType)),
            WordCountTopology.OUTPUT);
        harness.checkStoreType(StoreType.of(storeType));
        input = harness.driver().createInputTopic(WordCountTopology.INPUT, new StringSerializer(),
            new StringSerializer());
        output = harness.driver().createOutputTopic(WordCountTopology.OUTPUT, new StringDeserializer(),
            new LongDeserializer());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void wordCount(OutputCounters counters, Blackhole blackhole) {
        for (int i = 0; i < BATCH; i++) {
            input.pipeInput(lines[next]);
            if (++next == lines.length) {
                next = 0;
            }
        }
        harness.readOutputs(output, counters, blackhole);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        harness.closeTrial();
    }
}
