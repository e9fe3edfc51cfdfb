package io.sluice.benchmarks.broker;

import io.sluice.log.embedded.EmbeddedBroker;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A Sluice broker in its own JVM for the broker benchmark (issue 3), started the way Kafka is: a data directory
 * and a port, every other setting at its default (topics fsync every append, {@code flush.messages=1}).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.sluice.benchmarks.broker.SluiceBrokerMain DATA_DIR PORT [key=value ...]
 * </pre>
 *
 * <p>Prints one line once it listens: {@code READY jvm_ms=<JVM start to listening> start_ms=<EmbeddedBroker.start
 * call to listening>}. Runs until SIGTERM/SIGINT, then closes the broker cleanly (every log fsynced).
 */
public final class SluiceBrokerMain {
    private SluiceBrokerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: SluiceBrokerMain DATA_DIR PORT [key=value ...]");
            System.exit(2);
        }
        Map<String, Object> overrides = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            if (eq <= 0) {
                System.err.println("not key=value: " + args[i]);
                System.exit(2);
            }
            overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        long startNanos = System.nanoTime();
        EmbeddedBroker broker = EmbeddedBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), overrides);
        long startMs = (System.nanoTime() - startNanos) / 1_000_000;
        long jvmMs = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println("READY jvm_ms=" + jvmMs + " start_ms=" + startMs + " bootstrap=" + broker.bootstrapServers());
        System.out.flush();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "sluice-shutdown"));
        stopped.await();
    }
}
