package io.sluice.benchmarks.streams;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Secondary results JMH reports next to records/s, as rates: {@code outputs} is records read from the topology's
 * output topic per second. Divided by the primary score it gives outputs per input record, which must be the same
 * for both drivers (e.g. 8 per line for word count: the driver commits, and so forwards, after every record),
 * a cheap check that they do the same work.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class OutputCounters {
    public long outputs;

    @Setup(Level.Iteration)
    public void reset() {
        outputs = 0;
    }
}
