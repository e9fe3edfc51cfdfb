package io.sluice.cli;

import io.sluice.log.embedded.EmbeddedBroker;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The training run {@code bin/sluice} records a class data sharing archive from: starts a broker on a scratch
 * directory and runs the client commands against it (create a topic, produce, consume, list), so the archive holds
 * the classes a broker start and the everyday commands load. Later JVMs map those classes from the archive instead
 * of loading and verifying them, which is most of a broker's start time.
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
        }
        Exit.exit(0);
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
