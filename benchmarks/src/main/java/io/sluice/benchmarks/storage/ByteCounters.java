package io.sluice.benchmarks.storage;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-thread counters JMH reports next to the primary ops/s score as rates (summed over threads):
 * {@code bytes} is the bandwidth in bytes/s (record-batch bytes appended or read), {@code failures} the failed
 * operations per second, which should be 0: a benchmark that fails quickly must not look fast.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class ByteCounters {
    public long bytes;
    public long failures;

    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
        failures = 0;
    }
}
