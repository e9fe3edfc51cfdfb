package io.sluice.benchmarks.streams.sluice;

import io.sluice.benchmarks.streams.OutputCounters;
import io.sluice.benchmarks.streams.StoreType;
import io.sluice.benchmarks.streams.StreamsBenchData;
import io.sluice.benchmarks.streams.StreamsBenchData.ClickStream;
import io.sluice.streams.TestInputTopic;
import io.sluice.streams.TestOutputTopic;
import java.util.concurrent.TimeUnit;
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
 * {@link StreamTableJoinTopology} (clicks joined with a {@value StreamsBenchData#USERS}-user table) on Sluice's
 * {@code TopologyTestDriver}. The user table is loaded once per trial in {@code @Setup} (not measured);
 * the measured records are clicks only, every one of which finds its user (one output per click).
 *
 * <p>Each invocation pipes the next {@value #BATCH} pre-generated clicks (key, value and event timestamp) one
 * {@code pipeInput} at a time, then drains the output and internal topics; the score is input records per second.
 * One driver per trial. The twin of the Kafka Streams baseline
 * {@code io.sluice.benchmarks.streams.kafka.StreamTableJoinBenchmark}: the same file but for the imports, and the
 * same class, method and {@code @Param} names (run-streams.sh pairs results by them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class StreamTableJoinBenchmark {
    static final int BATCH = 1_000;
    static final int CLICKS = 200_000;

    @Param({"rocksdb", "in_memory"})
    public String storeType;

    private ClickStream clicks;
    private int next;
    private long lap;
    private DriverHarness harness;
    private TestInputTopic<String, String> input;
    private TestOutputTopic<String, String> output;

    @Setup(Level.Trial)
    public void setUp() {
        clicks = StreamsBenchData.clicks(CLICKS, StreamsBenchData.SEED);
        harness = new DriverHarness("join-" + storeType, StreamTableJoinTopology.build(StoreType.of(storeType)),
            StreamTableJoinTopology.OUTPUT);
        harness.checkStoreType(StoreType.of(storeType));
        TestInputTopic<String, String> users = harness.driver().createInputTopic(StreamTableJoinTopology.USERS,
            new StringSerializer(), new StringSerializer());
        String[] regions = StreamsBenchData.userRegions(StreamsBenchData.SEED);
        for (int u = 0; u < regions.length; u++) {
            users.pipeInput(StreamsBenchData.userId(u), regions[u], StreamsBenchData.START_MS - 1);
        }
        harness.drainInternalTopics();
        input = harness.driver().createInputTopic(StreamTableJoinTopology.CLICKS, new StringSerializer(),
            new StringSerializer());
        output = harness.driver().createOutputTopic(StreamTableJoinTopology.OUTPUT, new StringDeserializer(),
            new StringDeserializer());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void join(OutputCounters counters, Blackhole blackhole) {
        for (int i = 0; i < BATCH; i++) {
            input.pipeInput(clicks.userId(next), clicks.page(next), clicks.timestampMs(next, lap));
            if (++next == clicks.size()) {
                next = 0;
                lap++;
            }
        }
        harness.readOutputs(output, counters, blackhole);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        harness.closeTrial();
    }
}
