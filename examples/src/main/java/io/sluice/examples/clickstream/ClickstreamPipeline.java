package io.sluice.examples.clickstream;

import io.sluice.connect.runtime.Herder;
import io.sluice.connect.runtime.rest.entities.ConnectorStateInfo;
import io.sluice.connect.runtime.standalone.ConnectStandalone;
import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.streams.StreamsApp;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.StreamsConfig;
import io.sluice.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clickstream example, end to end in one JVM: an embedded broker; a Connect worker running two datagen sources
 * ({@code users}, {@code clicks}) and a file sink; and a Streams app running {@link ClickstreamTopology} between
 * them.
 *
 * <pre>
 *  datagen users  ─▶ users  ──┐
 *  datagen clicks ─▶ clicks ──┴─▶ StreamsApp "clickstream" ─▶ page-views-per-region ─▶ file sink ─▶ *.jsonl
 * </pre>
 *
 * <p><b>Determinism.</b> Datagen is seeded, every topic has one partition and the users table is complete before
 * the first click is generated (the clicks source is created only once the app has read all users), so the same
 * {@link ClickstreamSettings} give the same output file, line for line.
 *
 * <p><b>Completion</b> is observed, not timed: datagen stops after {@link ClickstreamSettings#clicks()} clicks, and
 * the run is complete when, stage after stage, every consumer has committed the end of its input: the app the
 * clicks topic, then the app its repartition topic, then the sink the output topic (consumer lag 0). The stages are
 * checked in that order because each one's input is final only once the stage before it has caught up.
 *
 * <p><b>Life cycle:</b> {@code new} (nothing runs) → {@link #start()} → {@link #awaitCompletion} → {@link #close()}.
 * A failed connector, task or stream thread ends the wait with a {@link PipelineFailedException} naming it.
 *
 * <p>Threading: {@link #start()} and {@link #awaitCompletion} are called by one thread; {@link #progress()} and
 * {@link #close()} by any (a progress printer, a Ctrl-C hook). {@code close()} makes a running {@code start()} or
 * {@code awaitCompletion} return early.
 */
public final class ClickstreamPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickstreamPipeline.class);
    public static final String APPLICATION_ID = "clickstream";
    public static final String USERS_SOURCE = "datagen-users";
    public static final String CLICKS_SOURCE = "datagen-clicks";
    public static final String PAGE_VIEWS_SINK = "page-views-file-sink";
    /** Event time between two generated clicks: 200,000 clicks span 5.5 hours, about 333 windows per region. */
    static final long CLICK_INTERVAL_MS = 100;
    private static final ClickstreamTopics TOPICS = ClickstreamTopics.DEFAULT;
    private static final String REPARTITION_TOPIC =
        APPLICATION_ID + "-" + ClickstreamTopology.GROUPING_NAME + "-repartition";
    private static final Duration STAGE_TIMEOUT = Duration.ofSeconds(60);
    private static final long POLL_MS = 50;

    private final ClickstreamSettings settings;
    private final ClickstreamCounters counters = new ClickstreamCounters();
    private final LineCounter outputLines;
    private final Object lock = new Object();
    private volatile boolean closed;
    private volatile Throwable streamsFailure;
    private int stagesCompleted;
    private EmbeddedBroker broker;
    private TopicOffsets offsets;
    private ConnectStandalone connect;
    private volatile URI restUrl;
    private StreamsApp app;
    private ClickstreamProgress finalProgress;

    public ClickstreamPipeline(ClickstreamSettings settings) {
        this.settings = settings;
        this.outputLines = new LineCounter(settings.outputFile());
    }

    public ClickstreamSettings settings() {
        return settings;
    }

    public Path outputFile() {
        return settings.outputFile();
    }

    /**
     * Wipes the data folder and starts the broker, the worker with the users source and the sink, the Streams app,
     * then — once the app has read every user — the clicks source. Returns early, with nothing more started, when
     * {@link #close()} is called meanwhile.
     *
     * @throws PipelineFailedException when a part fails or a start-up stage does not finish within a minute
     */
    public void start() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            wipe(settings.dataDir());
            broker = EmbeddedBroker.start(settings.dataDir().resolve("broker"));
            for (String topic : TOPICS.all()) {
                broker.createTopic(topic, 1, Map.of());
            }
            offsets = new TopicOffsets(broker.bootstrapServers());
            connect = new ConnectStandalone(ClickstreamConnectors.worker(broker.bootstrapServers(),
                settings.dataDir().resolve("connect.offsets")), List.of());
            connect.start();
            restUrl = connect.restUrl();
            create(PAGE_VIEWS_SINK, ClickstreamConnectors.pageViewsSink(TOPICS.pageViews(), settings.outputFile()));
            create(USERS_SOURCE, ClickstreamConnectors.usersSource(TOPICS.users(), settings));
        }
        if (!await(() -> offsets.endOffset(TOPICS.users()) >= settings.users(), "datagen to write every user")) {
            return;
        }
        synchronized (lock) {
            if (closed) {
                return;
            }
            StreamsBuilder builder = new StreamsBuilder();
            ClickstreamTopology.build(builder, TOPICS, counters);
            app = new StreamsApp(builder.build(), streamsProps());
            app.setUncaughtExceptionHandler(error -> {
                streamsFailure = error;
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            app.start();
        }
        if (!await(() -> offsets.caughtUp(APPLICATION_ID, List.of(TOPICS.users())), "the app to read every user")) {
            return;
        }
        synchronized (lock) {
            if (!closed) {
                create(CLICKS_SOURCE, ClickstreamConnectors.clicksSource(TOPICS.clicks(), settings));
            }
        }
    }

    /**
     * Waits until every generated click went through the app and every window it emitted reached the output file.
     *
     * @return true when complete; false when the pipeline was closed first
     * @throws PipelineFailedException when a connector, a task or the Streams app failed
     */
    public boolean awaitCompletion() {
        return awaitCompletion(Long.MAX_VALUE);
    }

    /**
     * {@link #awaitCompletion()} for at most {@code timeout}.
     *
     * @return true when complete; false when {@code timeout} passed or the pipeline was closed first
     */
    public boolean awaitCompletion(Duration timeout) {
        return awaitCompletion(timeout.toNanos());
    }

    private boolean awaitCompletion(long timeoutNanos) {
        List<BooleanSupplier> stages = List.of(
            () -> offsets.endOffset(TOPICS.clicks()) >= settings.clicks(),
            () -> offsets.caughtUp(APPLICATION_ID, List.of(TOPICS.clicks())),
            () -> offsets.caughtUp(APPLICATION_ID, List.of(REPARTITION_TOPIC)),
            () -> offsets.caughtUp(connectorGroup(PAGE_VIEWS_SINK), List.of(TOPICS.pageViews())));
        return pollUntil(() -> {
            while (stagesCompleted < stages.size() && stages.get(stagesCompleted).getAsBoolean()) {
                stagesCompleted++;
            }
            return stagesCompleted == stages.size();
        }, timeoutNanos) == Outcome.DONE;
    }

    /** Where each stage is now; after {@link #close()}, where they ended. */
    public ClickstreamProgress progress() {
        synchronized (lock) {
            if (finalProgress != null) {
                return finalProgress;
            }
            return offsets == null ? ClickstreamProgress.NONE : liveProgress();
        }
    }

    /** The embedded broker's {@code host:port}, for any Kafka client, while the pipeline runs. */
    public String bootstrapServers() {
        synchronized (lock) {
            return broker == null ? null : broker.bootstrapServers();
        }
    }

    /** The Connect REST API's address while the pipeline runs (e.g. {@code http://localhost:41234/}), else null. */
    public URI restUrl() {
        return closed ? null : restUrl;
    }

    /**
     * Stops the sources and the sink (which flushes the file), the app, then the broker, and keeps the final
     * progress. Idempotent.
     */
    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            if (finalProgress != null) {
                return;
            }
            try {
                closeAll(connect, app);
            } finally {
                finalProgress = lastProgress();
                closeAll(offsets, broker);
            }
        }
    }

    /** The progress at close; when the broker cannot tell the topics' ends, what the app counted is still known. */
    private ClickstreamProgress lastProgress() {
        if (offsets == null) {
            return ClickstreamProgress.NONE;
        }
        try {
            return liveProgress();
        } catch (RuntimeException e) {
            LOG.warn("Could not read the clickstream topics' end offsets at close; reporting them as 0", e);
            return new ClickstreamProgress(0, 0, counters.clicksIn(), counters.botsDropped(), counters.enriched(),
                counters.unknownUsers(), counters.windowsEmitted(), outputLines.count());
        }
    }

    private static void closeAll(AutoCloseable... parts) {
        RuntimeException failure = null;
        for (AutoCloseable part : parts) {
            try {
                if (part != null) {
                    part.close();
                }
            } catch (Exception e) {
                if (failure == null) {
                    failure = new PipelineFailedException("Could not close " + part, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private ClickstreamProgress liveProgress() {
        return new ClickstreamProgress(offsets.endOffset(TOPICS.users()), offsets.endOffset(TOPICS.clicks()),
            counters.clicksIn(), counters.botsDropped(), counters.enriched(), counters.unknownUsers(),
            counters.windowsEmitted(), outputLines.count());
    }

    private void create(String name, Map<String, String> config) {
        Map<String, String> named = new HashMap<>(config);
        named.put("name", name);
        connect.herder().putConnectorConfig(name, named, Herder.TargetState.RUNNING, false);
    }

    private Properties streamsProps() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.dataDir().resolve("streams").toString());
        // Commits are what the completion check observes; frequent ones end the run soon after the last click.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200");
        return props;
    }

    /** Waits for a start-up stage; false when closed meanwhile. */
    private boolean await(BooleanSupplier condition, String what) {
        Outcome outcome = pollUntil(condition, STAGE_TIMEOUT.toNanos());
        if (outcome == Outcome.TIMED_OUT) {
            throw new PipelineFailedException("Timed out after " + STAGE_TIMEOUT.toSeconds() + " s waiting for "
                + what);
        }
        return outcome == Outcome.DONE;
    }

    private enum Outcome { DONE, CLOSED, TIMED_OUT }

    /**
     * Checks the parts' health and {@code done} every {@value #POLL_MS} ms until {@code done} holds, the timeout
     * passes or {@link #close()} is called. A check that fails because {@code close()} pulled the parts away
     * counts as closed, not as a failure.
     */
    private Outcome pollUntil(BooleanSupplier done, long timeoutNanos) {
        long startNanos = System.nanoTime();
        try {
            while (!closed) {
                checkHealthy();
                if (done.getAsBoolean()) {
                    return Outcome.DONE;
                }
                if (System.nanoTime() - startNanos > timeoutNanos) {
                    return Outcome.TIMED_OUT;
                }
                pause();
            }
        } catch (RuntimeException e) {
            if (!closed) {
                throw e;
            }
        }
        return Outcome.CLOSED;
    }

    private void checkHealthy() {
        Throwable failure = streamsFailure;
        if (failure != null) {
            throw new PipelineFailedException("The Streams app '" + APPLICATION_ID + "' failed: " + failure, failure);
        }
        Herder herder = connect.herder();
        for (String name : herder.connectors()) {
            ConnectorStateInfo status = herder.connectorStatus(name);
            if ("FAILED".equals(status.connector().state())) {
                throw new PipelineFailedException("Connector " + name + " failed: " + status.connector().trace());
            }
            for (ConnectorStateInfo.TaskState task : status.tasks()) {
                if ("FAILED".equals(task.state())) {
                    throw new PipelineFailedException("Task " + task.id() + " of connector " + name + " failed: "
                        + task.trace());
                }
            }
        }
    }

    /** The consumer group of a sink connector, as Kafka Connect names it. */
    private static String connectorGroup(String connector) {
        return "connect-" + connector;
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineFailedException("Interrupted while waiting for the clickstream pipeline", e);
        }
    }

    private static void wipe(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not reset the demo's data folder " + dir, e);
        }
    }
}
