package io.sluice.cli;

import io.sluice.connect.runtime.standalone.ConnectStandalone;
import io.sluice.log.embedded.EmbeddedBroker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * The training run {@code bin/sluice} records a class data sharing archive from: starts a broker on a scratch
 * directory and runs the client commands against it (create a topic, produce, consume, list), then a standalone
 * Connect worker copying a line from a file through a topic into another file, so the archive holds the classes a
 * broker start, the everyday commands and {@code sluice connect} load. Later JVMs map those classes from the archive
 * instead of loading and verifying them, which is most of a broker's start time, and half of a Connect worker's start
 * to its first delivered line (measured in docs/design/0011).
 *
 * <p>Exits 0 only if every step worked, so the launcher keeps the archive only from a complete run.
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining SCRATCH_DIR");
            Exit.exit(2);
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start(Path.of(args[0]), 0, Map.of())) {
            String bootstrap = broker.bootstrapServers();
            List<List<String>> steps = List.of(
                List.of("topics", "create", "training", "--partitions", "1", "--bootstrap-server", bootstrap),
                List.of("produce", "training", "--bootstrap-server", bootstrap),
                List.of("consume", "training", "--from-beginning", "--max", "1", "--bootstrap-server", bootstrap),
                List.of("topics", "list", "--bootstrap-server", bootstrap));
            for (List<String> step : steps) {
                run(step);
            }
            copyALineWithConnect(bootstrap, Path.of(args[0]));
        }
        Exit.exit(0);
    }

    /** Sluice's file source and sink (class path plugins) move one line through a topic: a worker's whole path. */
    private static void copyALineWithConnect(String bootstrap, Path scratch) {
        Path input = scratch.resolve("connect-in.txt");
        Path output = scratch.resolve("connect-out.txt");
        try {
            Files.writeString(input, "training\n", StandardCharsets.UTF_8);
            // Sluice's file sink writes its buffer out when offsets are committed: commit often.
            Map<String, String> worker = Map.of("bootstrap.servers", bootstrap, "listeners", "http://localhost:0",
                "offset.storage.file.filename", scratch.resolve("connect.offsets").toString(),
                "offset.flush.interval.ms", "50");
            List<Map<String, String>> connectors = List.of(
                Map.of("name", "training-source", "connector.class", "io.sluice.connect.file.FileSourceConnector",
                    "file", input.toString(), "topic", "connect-training"),
                Map.of("name", "training-sink", "connector.class", "io.sluice.connect.file.FileSinkConnector",
                    "file", output.toString(), "topics", "connect-training"));
            try (ConnectStandalone connect = new ConnectStandalone(worker, connectors)) {
                connect.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!(Files.exists(output) && Files.size(output) > 0)) {
                    if (System.nanoTime() > deadline) {
                        System.err.println("training step connect: no line reached " + output + " within 30 s");
                        Exit.exit(1);
                    }
                    Thread.sleep(10);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("training step connect failed: " + e);
            Exit.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Exit.exit(1);
        }
    }

    private static void run(List<String> args) {
        CommandLine commandLine = SluiceCommand.commandLine(
            new ByteArrayInputStream("key\tvalue\n".getBytes(StandardCharsets.UTF_8)));
        StringWriter output = new StringWriter();
        commandLine.setOut(new PrintWriter(output));
        commandLine.setErr(new PrintWriter(output));
        int code = commandLine.execute(args.toArray(String[]::new));
        if (code != 0) {
            System.err.println("training step " + args + " failed with " + code + ": " + output);
            Exit.exit(1);
        }
    }
}
