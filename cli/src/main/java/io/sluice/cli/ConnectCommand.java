package io.sluice.cli;

import io.sluice.connect.runtime.standalone.ConnectStandalone;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sluice connect ...}: the Kafka Connect compatible runtime; {@code standalone} is its one mode so far. */
@Command(name = "connect", mixinStandardHelpOptions = true,
    description = "Run Kafka Connect plugins behind Kafka Connect's REST API.",
    subcommands = {ConnectCommand.Standalone.class, CommandLine.HelpCommand.class})
public final class ConnectCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code sluice connect standalone worker.properties [connector.properties|connector.json ...]}: one worker in the
     * foreground, with an embedded broker when the worker file has no {@code bootstrap.servers}. A shutdown hook (Ctrl-C,
     * SIGTERM) stops the REST API, the connectors, the worker and the broker, then halts with 0 (1 if closing failed).
     */
    @Command(name = "standalone", mixinStandardHelpOptions = true,
        description = "Run one Connect worker with the given connectors (Ctrl-C or SIGTERM stops it cleanly).")
    static final class Standalone implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "WORKER_PROPERTIES",
            description = "Worker configuration with Kafka Connect's key names (see docs/connect.md).")
        Path workerProperties;

        @Parameters(index = "1..*", paramLabel = "CONNECTOR",
            description = "Connector configs, .properties or .json ({\"name\":..,\"config\":{..}} or a flat map).")
        List<Path> connectors = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ConnectStandalone connect = load();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(connect, out, err), "sluice-connect-shutdown"));
            long startNanos = System.nanoTime();
            try {
                connect.start();
            } catch (RuntimeException e) {
                throw new CliException(CliException.FAILURE, "Cannot start the Connect worker: " + e.getMessage(), e);
            }
            out.printf(Locale.ROOT, "Sluice Connect (standalone) ready in %d ms: REST API %s, bootstrap.servers=%s%n",
                (System.nanoTime() - startNanos) / 1_000_000, connect.restUrl(), connect.bootstrapServers());
            out.println("Ctrl-C or SIGTERM stops it cleanly.");
            out.flush();
            new CountDownLatch(1).await();
            return 0;
        }

        private ConnectStandalone load() {
            for (Path file : concat()) {
                if (!Files.isRegularFile(file)) {
                    throw CliException.usage("File " + file + " does not exist");
                }
            }
            try {
                return ConnectStandalone.fromFiles(workerProperties, connectors);
            } catch (ConfigException e) {
                throw CliException.usage(e.getMessage());
            }
        }

        private List<Path> concat() {
            List<Path> files = new ArrayList<>(connectors);
            files.add(0, workerProperties);
            return files;
        }

        private static void stop(ConnectStandalone connect, PrintWriter out, PrintWriter err) {
            int status = 0;
            try {
                out.println("Sluice Connect stopping...");
                out.flush();
                connect.close();
                out.println("Sluice Connect stopped cleanly.");
            } catch (RuntimeException e) {
                err.println("sluice: the Connect worker did not stop cleanly: " + e);
                status = 1;
            }
            out.flush();
            err.flush();
            Exit.halt(status);
        }
    }
}
