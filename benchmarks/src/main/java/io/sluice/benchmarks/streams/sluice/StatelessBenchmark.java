package io.sluice.benchmarks.streams.sluice;

import io.sluice.benchmarks.streams.OutputCounters;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link StatelessTopology} ({@code filter} + {@code mapValues}) on Sluice's {@code TopologyTestDriver}:
 * 90% of the clicks pass the filter. No store, so no {@code storeType} parameter.
 *
 * <p>Each invocation pipes the next {@value #BATCH} pre-generated clicks (key, value and event timestamp) one
 * {@code pipeInput} at a time, then drains the output and internal topics; the score is input records per second.
 * One driver per trial. The twin of the Kafka Streams baseline
 * {@code io.sluice.benchmarks.streams.kafka.StatelessBenchmark}: the same file but for the imports, and the same
 * class, method and {@code @Param} names (run-streams.sh pairs results by them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Threads(1)
public class StatelessBenchmark {
    static final int BATCH = 1_000;
    static final int CLICKS = 200_000;

    private ClickStream clicks;
    private int next;
    private long lap;
    private DriverHarness harness;
    private TestInputTopic<String, String> input;
    private TestOutputTopic<String, String> output;

    @Setup(Level.Trial)
    public void setUp() {
        clicks = StreamsBenchData.clicks(CLICKS, StreamsBenchData.SEED);
        harness = new DriverHarness("stateless", StatelessTopology.build(), StatelessTopology.OUTPUT);
        input = harness.driver().createInputTopic(StatelessTopology.INPUT, new StringSerializer(),
            new StringSerializer());
        output = harness.driver().createOutputTopic(StatelessTopology.OUTPUT, new StringDeserializer(),
            new StringDeserializer());
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void filterMapValues(OutputCounters counters, Blackhole blackhole) {
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
