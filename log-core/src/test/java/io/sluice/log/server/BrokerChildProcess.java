package io.sluice.log.server;

import io.sluice.log.embedded.EmbeddedBroker;
import java.nio.file.Path;
import java.util.Map;

/** Runs a broker in a child JVM for crash tests: prints {@code READY <port>} once serving, then waits to be killed. */
public final class BrokerChildProcess {
    private BrokerChildProcess() {
    }

    public static void main(String[] args) throws InterruptedException {
        EmbeddedBroker broker = EmbeddedBroker.start(Path.of(args[0]), Integer.parseInt(args[1]), Map.of());
        System.out.println("READY " + broker.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
