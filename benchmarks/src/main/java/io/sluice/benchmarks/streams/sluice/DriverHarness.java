package io.sluice.benchmarks.streams.sluice;

import io.sluice.benchmarks.streams.OutputCounters;
import io.sluice.benchmarks.streams.StateDirs;
import io.sluice.benchmarks.streams.StoreType;
import io.sluice.streams.StreamsConfig;
import io.sluice.streams.TestOutputTopic;
import io.sluice.streams.Topology;
import io.sluice.streams.TopologyTestDriver;
import io.sluice.streams.processor.StateStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One {@link TopologyTestDriver} for one trial, on a fresh state directory under the OS temp dir that
 * {@link #close()} deletes.
 *
 * <p>The driver keeps every record the topology produces, changelog and repartition topics included, until it is
 * read: {@link #drainInternalTopics()} reads (and drops) everything produced to topics other than the topology's
 * output, so a long trial does not accumulate them. The benchmark drains its output topic itself, with the
 * output's deserializers, as a test would. Single-threaded, like the driver. The Kafka Streams baseline's harness
 * ({@code io.sluice.benchmarks.streams.kafka.DriverHarness}) with the imports ported.
 */
final class DriverHarness implements AutoCloseable {
    private final Path stateDir;
    private final TopologyTestDriver driver;
    private final String outputTopic;
    private final Map<String, TestOutputTopic<byte[], byte[]>> internalTopics = new HashMap<>();
    private final String benchmark;
    private long outputsRead;

    DriverHarness(String benchmark, Topology topology, String outputTopic) {
        this.stateDir = StateDirs.create(benchmark);
        this.outputTopic = outputTopic;
        this.benchmark = benchmark;
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "streams-bench-" + benchmark);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TopologyTestDriver opened;
        try {
            opened = new TopologyTestDriver(topology, config);
        } catch (RuntimeException e) {
            StateDirs.delete(stateDir);
            throw e;
        }
        this.driver = opened;
    }

    TopologyTestDriver driver() {
        return driver;
    }

    /**
     * Fails unless every state store of the topology is of the given type (RocksDB stores are the persistent
     * ones): a store type that silently fell back to the default would make the comparison meaningless.
     */
    void checkStoreType(StoreType storeType) {
        Map<String, StateStore> stores = driver.getAllStateStores();
        if (stores.isEmpty()) {
            throw new IllegalStateException("the topology has no state store");
        }
        stores.forEach((name, store) -> {
            if (store.persistent() != (storeType == StoreType.ROCKSDB)) {
                throw new IllegalStateException("store " + name + " is " + (store.persistent() ? "" : "not ")
                    + "persistent, but the benchmark asked for " + storeType.paramValue());
            }
        });
    }

    /** Drops the records produced to every topic but the output (changelogs, repartition topics); returns how many. */
    long drainInternalTopics() {
        long drained = 0;
        for (String topic : driver.producedTopicNames()) {
            if (topic.equals(outputTopic)) {
                continue;
            }
            TestOutputTopic<byte[], byte[]> internal = internalTopics.computeIfAbsent(topic,
                t -> driver.createOutputTopic(t, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
            while (!internal.isEmpty()) {
                internal.readRecord();
                drained++;
            }
        }
        return drained;
    }

    /**
     * Reads everything on the output topic into {@code blackhole} (deserialized, as a test would), counts it in
     * {@code counters} and for {@link #closeTrial()}'s check, then drops the internal topics' records.
     */
    void readOutputs(TestOutputTopic<?, ?> output, OutputCounters counters, Blackhole blackhole) {
        long read = 0;
        while (!output.isEmpty()) {
            blackhole.consume(output.readKeyValue());
            read++;
        }
        counters.outputs += read;
        outputsRead += read;
        drainInternalTopics();
    }

    /**
     * Closes the driver and deletes its state directory, then fails a trial that read no output through
     * {@link #readOutputs}: it measured nothing.
     */
    void closeTrial() {
        close();
        if (outputsRead == 0) {
            throw new IllegalStateException(benchmark + " produced no output: the benchmark measured nothing");
        }
    }

    @Override
    public void close() {
        try {
            driver.close();
        } finally {
            StateDirs.delete(stateDir);
        }
    }
}
