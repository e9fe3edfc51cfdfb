package io.sluice.cli;

import io.sluice.examples.clickstream.ClickstreamPipeline;
import io.sluice.examples.clickstream.ClickstreamProgress;
import io.sluice.examples.clickstream.ClickstreamSettings;
import io.sluice.examples.clickstream.PipelineFailedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sluice demo}: runs the clickstream example pipeline ({@link ClickstreamPipeline}) in this JVM, prints one
 * progress line per second on standard error while it runs, and a summary with the output file on standard output
 * when it ends: by itself once every click went through, or on Ctrl-C (the pipeline is closed cleanly and the
 * summary still printed, from the shutdown hook's point of view before the JVM exits).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run the clickstream example: datagen users and clicks -> Connect -> a Streams app (drop bots, "
        + "enrich clicks with the user's region, count page views per region per minute) -> a JSON-lines file.",
        "One JVM, an embedded broker; stops after --records clicks or on Ctrl-C."})
public final class DemoCommand implements Callable<Integer> {
    private static final long SHUTDOWN_WAIT_MS = 30_000;
    private static final int SAMPLE_LINES = 3;

    @Option(names = "--data-dir", description = "The demo's folder, wiped at start; the output file stays in it. "
        + "Default: ${DEFAULT-VALUE}")
    Path dataDir = ClickstreamSettings.DEFAULT_DATA_DIR;

    @Option(names = "--records", description = "Clicks to generate. Default: ${DEFAULT-VALUE}")
    long records = ClickstreamSettings.DEFAULT_CLICKS;

    @Option(names = "--users", description = "Users in the users table. Default: ${DEFAULT-VALUE}")
    int users = ClickstreamSettings.DEFAULT_USERS;

    @Option(names = "--seed", description = "Datagen's seed (same seed, same output). Default: ${DEFAULT-VALUE}")
    long seed = ClickstreamSettings.DEFAULT_SEED;

    @Option(names = "--rate", description = "Clicks per second, 0 for as fast as possible. Default: ${DEFAULT-VALUE}")
    long rate = 0;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ClickstreamSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        out.printf(Locale.ROOT, "Sluice demo: clickstream, %,d clicks from %,d users (seed %d)%n"
                + "  datagen users + clicks -> Connect -> Streams app: drop bots, join users' regions, count page views "
                + "per region per minute -> file sink%nData: %s%n%n", settings.clicks(), settings.users(),
            settings.seed(), settings.dataDir().toAbsolutePath());
        out.flush();

        ClickstreamPipeline pipeline = new ClickstreamPipeline(settings);
        CountDownLatch summarised = new CountDownLatch(1);
        Thread ctrlC = new Thread(() -> {
            pipeline.close();
            awaitQuietly(summarised);
        }, "sluice-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(ctrlC);
        long startNanos = System.nanoTime();
        ProgressPrinter printer = new ProgressPrinter(err, pipeline::progress, settings.clicks(), startNanos);
        boolean completed = false;
        PipelineFailedException failure = null;
        try {
            printer.start();
            pipeline.start();
            URI restUrl = pipeline.restUrl();
            if (restUrl != null) {
                err.println("Connect REST API: " + restUrl.resolve("/connectors?expand=status"));
                err.flush();
            }
            completed = pipeline.awaitCompletion();
        } catch (PipelineFailedException e) {
            failure = e;
        } finally {
            printer.stop();
            pipeline.close();
            printSummary(out, pipeline, completed, System.nanoTime() - startNanos);
            summarised.countDown();
            removeHook(ctrlC);
        }
        if (failure != null) {
            throw new CliException(CliException.FAILURE, "the demo failed: " + failure.getMessage(), failure);
        }
        return completed ? 0 : CliException.FAILURE;
    }

    private ClickstreamSettings settings() {
        try {
            return ClickstreamSettings.defaults().withDataDir(dataDir).withClicks(records).withUsers(users)
                .withSeed(seed).withClicksPerSecond(rate);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
    }

    private static void printSummary(PrintWriter out, ClickstreamPipeline pipeline, boolean completed,
                                     long elapsedNanos) {
        ClickstreamProgress p = pipeline.progress();
        double seconds = elapsedNanos / 1e9;
        out.printf(Locale.ROOT, "%nSummary: %s after %.1f s (%,.0f clicks/s end to end)%n",
            completed ? "all " + String.format(Locale.ROOT, "%,d", p.clicksGenerated()) + " clicks processed"
                : "stopped early", seconds, p.clicksIn() / seconds);
        out.printf(Locale.ROOT, "  datagen      %,d users -> topic users, %,d clicks -> topic clicks%n",
            p.usersGenerated(), p.clicksGenerated());
        out.printf(Locale.ROOT, "  streams app  %,d clicks in, %,d bots dropped, %,d enriched (%,d of unknown users), "
            + "%,d window counts out%n", p.clicksIn(), p.botsDropped(), p.enriched(), p.unknownUsers(),
            p.windowsEmitted());
        out.printf(Locale.ROOT, "  file sink    %,d lines written%n", p.linesWritten());
        Path output = pipeline.outputFile().toAbsolutePath();
        out.printf("Output: %s%n  one JSON line per region and closed minute (the last minute is still open, so it "
            + "has no final count and is not written)%n", output);
        List<String> sample = sample(output);
        if (!sample.isEmpty()) {
            sample.forEach(line -> out.println("  " + line));
            out.println("  ...");
        }
        out.flush();
    }

    private static List<String> sample(Path output) {
        try (Stream<String> lines = Files.lines(output, StandardCharsets.UTF_8)) {
            return lines.limit(SAMPLE_LINES).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(SHUTDOWN_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Once the JVM is shutting down (Ctrl-C) hooks cannot be removed, and need not be. */
    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it waits for the summary printed above, then lets the JVM exit
        }
    }
}
