package io.sluice.streams;

import io.sluice.log.config.ConfigException;
import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.streams.errors.InvalidStateStoreException;
import io.sluice.streams.errors.LockException;
import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.errors.StreamsNotStartedException;
import io.sluice.streams.errors.StreamsUncaughtExceptionHandler;
import io.sluice.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import io.sluice.streams.errors.UnknownStateStoreException;
import io.sluice.streams.processor.StateRestoreListener;
import io.sluice.streams.processor.StateStore;
import io.sluice.streams.processor.StreamPartitioner;
import io.sluice.streams.processor.TaskId;
import io.sluice.streams.processor.internals.InternalTopologyBuilder;
import io.sluice.streams.runtime.AppInstance;
import io.sluice.streams.runtime.AssignmentInfo;
import io.sluice.streams.runtime.ClientConfigs;
import io.sluice.streams.runtime.ClientsMetadata;
import io.sluice.streams.runtime.GlobalStores;
import io.sluice.streams.runtime.GlobalStreamThread;
import io.sluice.streams.runtime.StateCleaner;
import io.sluice.streams.runtime.InternalTopics;
import io.sluice.streams.runtime.KeyLocator;
import io.sluice.streams.runtime.LocalStoreProvider;
import io.sluice.streams.runtime.StateDirectory;
import io.sluice.streams.runtime.StoreAccess;
import io.sluice.streams.runtime.StreamThread;
import io.sluice.streams.runtime.TopologyMetadata;
import io.sluice.streams.state.HostInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Topology} on a Kafka-protocol cluster: Sluice's counterpart of Kafka's {@code KafkaStreams}
 * (porting is changing the imports and this class name). {@link #start()} checks the source topics, creates the
 * internal (repartition and changelog) topics and starts {@code num.stream.threads} {@link StreamThread}s, which
 * share the input partitions through the consumer group {@code application.id}, and, when the topology has global
 * stores, a {@link GlobalStreamThread} that keeps them a copy of their topics (the stream threads join the group
 * once it has bootstrapped them).
 *
 * <p>When {@code bootstrap.servers} is empty the app starts an {@link EmbeddedBroker} in this JVM, with its data
 * under {@code state.dir/<application.id>/broker}, creates the missing source topics on it (nobody else can
 * have), and closes it with the app; {@link #bootstrapServers()} tells clients where it listens.
 *
 * <p>State: the app holds the lock of {@code state.dir/<application.id>} ({@link StateDirectory}) from start to
 * close, so one instance at a time uses it; tasks restore their stores from their changelogs (from the task's
 * checkpoint on) before processing, and every commit writes the checkpoints.
 *
 * <p>States, as {@code KafkaStreams.State}:
 * <pre>
 *   CREATED ──start──▶ REBALANCING ◀──▶ RUNNING
 *      │                  │   │            │  │
 *      │                  │   └─ a thread dies, SHUTDOWN_CLIENT ─▶ PENDING_ERROR ──▶ ERROR
 *      └─close / start fails─┴──────close─────┴─▶ PENDING_SHUTDOWN ──▶ NOT_RUNNING
 * </pre>
 * The app is RUNNING when every live thread runs its assigned tasks, REBALANCING while one waits for or applies
 * an assignment. The state listener is called on the thread that causes the change (a stream thread or the
 * caller of start/close), one change at a time.
 *
 * <p>Interactive queries: {@link #store} reads the local stores of every thread's current tasks, through a
 * snapshot each thread republishes when its tasks change; {@link #metadataForKey} says which instance hosts a key.
 *
 * <p>Threading: thread-safe. Stream threads report to the app; transitions are serialized on {@code this}.
 * Queries run on user threads and take the lock only to read the state.
 */
public class StreamsApp implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);
    private static final long ADMIN_TIMEOUT_MS = 30_000;

    /** The app's lifecycle states, as Kafka Streams names them. */
    public enum State {
        CREATED(1, 3), REBALANCING(2, 3, 5), RUNNING(1, 2, 3, 5), PENDING_SHUTDOWN(4), NOT_RUNNING, PENDING_ERROR(6),
        ERROR;

        private final Set<Integer> validNext;

        State(Integer... validNext) {
            this.validNext = Set.of(validNext);
        }

        public boolean isValidTransition(State next) {
            return validNext.contains(next.ordinal());
        }

        public boolean isRunningOrRebalancing() {
            return this == RUNNING || this == REBALANCING;
        }
    }

    /** Told of every state change. */
    @FunctionalInterface
    public interface StateListener {
        void onChange(State newState, State oldState);
    }

    private final StreamsConfig config;
    private final InternalTopologyBuilder builder;
    private final String applicationId;
    private final StateDirectory stateDirectory;
    private final Metrics metrics = new Metrics();
    private final StoreAccess storeAccess = new StoreAccess();
    private final List<StreamThread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger threadNumbers = new AtomicInteger();
    private State state = State.CREATED;
    private StateListener stateListener;
    private StreamsUncaughtExceptionHandler exceptionHandler =
        exception -> StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    private StateRestoreListener restoreListener = AppInstance.NO_RESTORE_LISTENER;
    private EmbeddedBroker embeddedBroker;
    private StateCleaner stateCleaner;
    private GlobalStreamThread globalThread;
    private String bootstrapServers;
    private TopologyMetadata metadata;
    private AppInstance instance;
    private Map<String, Integer> sourcePartitions;
    private Set<String> storeNames;
    private KeyLocator keyLocator;

    public StreamsApp(Topology topology, Properties props) {
        this(topology, new StreamsConfig(props));
    }

    /**
     * @throws StreamsException when {@code application.id} is missing
     * @throws ConfigException   when {@code processing.guarantee} is {@code exactly_once_v2} (no transactions yet)
     */
    public StreamsApp(Topology topology, StreamsConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.builder = Objects.requireNonNull(topology, "topology").internalTopologyBuilder();
        this.applicationId = config.applicationId();
        if (applicationId.isEmpty()) {
            throw new StreamsException("application.id must be set to run a topology: it names the consumer group,"
                + " the internal topics and the state directory");
        }
        if (StreamsConfig.EXACTLY_ONCE_V2.equals(config.processingGuarantee())) {
            // Refused, not downgraded: running at-least-once when exactly-once was asked for would silently
            // duplicate output after every failure.
            throw ConfigException.invalid(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2,
                "exactly-once needs transactions, which the Sluice runtime and broker do not support yet; the "
                    + "supported value is " + StreamsConfig.AT_LEAST_ONCE);
        }
        this.stateDirectory = new StateDirectory(config.stateDir(), applicationId);
    }

    public synchronized State state() {
        return state;
    }

    /** @throws IllegalStateException unless the app is CREATED */
    public synchronized void setStateListener(StateListener listener) {
        requireCreated("set a state listener");
        this.stateListener = listener;
    }

    /** @throws IllegalStateException unless the app is CREATED */
    public synchronized void setUncaughtExceptionHandler(StreamsUncaughtExceptionHandler handler) {
        requireCreated("set an uncaught exception handler");
        this.exceptionHandler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Sets the listener told of every state store restore of every thread (called on the restoring thread, so
     * it must be thread-safe), as Kafka Streams' {@code setGlobalStateRestoreListener}.
     *
     * @throws IllegalStateException unless the app is CREATED
     */
    public synchronized void setGlobalStateRestoreListener(StateRestoreListener listener) {
        requireCreated("set a global state restore listener");
        this.restoreListener = Objects.requireNonNull(listener, "listener");
    }

    /** Where the app's clients connect: {@code bootstrap.servers}, or its embedded broker once started. */
    public synchronized String bootstrapServers() {
        return bootstrapServers != null ? bootstrapServers : config.bootstrapServers();
    }

    /**
     * Locks the state directory, checks the source topics, creates the internal topics and starts the stream
     * threads. Returns once the threads are started; they reach RUNNING after their first assignment.
     *
     * @throws IllegalStateException unless the app is CREATED
     * @throws LockException when another instance holds {@code state.dir/<application.id>} (the message names
     *                       it); the app is then NOT_RUNNING
     * @throws StreamsException when a source topic is missing (the message names it), the sources of a
     *                          sub-topology are not co-partitioned, or an internal topic cannot be created; the app
     *                          is then NOT_RUNNING
     */
    public synchronized void start() {
        requireCreated("start");
        try {
            stateDirectory.lock(); // first: the embedded broker's data lives under the same directory
            // Kept in the state directory: a restarted instance is the same client to the assignor.
            UUID processId = stateDirectory.processId();
            stateCleaner = new StateCleaner(stateDirectory, config.stateCleanupDelayMs(), applicationId);
            boolean embedded = config.bootstrapServers().isEmpty();
            if (embedded) {
                Path dataDir = stateDirectory.appDir().resolve("broker");
                embeddedBroker = EmbeddedBroker.start(dataDir, 0, Map.of());
                LOG.info("No bootstrap.servers for application {}: started an embedded broker at {} with its data in"
                    + " {}", applicationId, embeddedBroker.bootstrapServers(), dataDir);
            }
            bootstrapServers = embedded ? embeddedBroker.bootstrapServers() : config.bootstrapServers();
            metadata = new TopologyMetadata(builder, applicationId);
            try (Admin admin = Admin.create(ClientConfigs.admin(config, bootstrapServers, applicationId + "-admin"))) {
                sourcePartitions = new InternalTopics(admin, metadata, ADMIN_TIMEOUT_MS).setUp(embedded);
            }
            storeNames = Stream.concat(metadata.globalStoreTopics().keySet().stream(),
                    metadata.subtopologies().values().stream().flatMap(subtopology -> subtopology.stores().stream()))
                .collect(Collectors.toUnmodifiableSet());
            if (!metadata.globalStoreTopics().isEmpty()) {
                globalThread = new GlobalStreamThread(applicationId + "-GlobalStreamThread", config, bootstrapServers,
                    builder, applicationId, stateDirectory.appDir(), restoreListener, storeAccess, metrics,
                    this::onGlobalThreadExit);
            }
            instance = new AppInstance(processId, config.applicationServer(), stateDirectory, restoreListener,
                globalThread != null ? globalThread : GlobalStores.NONE);
            keyLocator = new KeyLocator(metadata, sourcePartitions, applicationServer(),
                () -> localTaskStores().keySet());
            for (int i = 0; i < config.numStreamThreads(); i++) {
                threads.add(newThread());
            }
        } catch (RuntimeException e) {
            setState(State.PENDING_SHUTDOWN);
            releaseResources();
            setState(State.NOT_RUNNING);
            throw e;
        }
        setState(State.REBALANCING);
        if (globalThread != null) {
            globalThread.start();
        }
        threads.forEach(Thread::start);
        stateCleaner.start();
    }

    /** {@code application.server}, or {@code null} when unset. */
    private HostInfo applicationServer() {
        return HostInfo.buildFromEndpoint(config.applicationServer());
    }

    /**
     * A read-only view of the store {@code query.storeName()} over this instance's tasks that have it (or only the
     * task of {@code query.partition()}), as {@code KafkaStreams.store}. The view looks the tasks up on every read,
     * so it stays usable while tasks move: a read throws {@link InvalidStateStoreException} (retry) while the app
     * is not RUNNING, except REBALANCING with {@link StoreQueryParameters#enableStaleStores()}, or when the
     * queried partition's task is not here. Only tasks that run (restored, processing) are read. Each call on the
     * view waits for the stream threads to finish their current batch ({@link StoreAccess}).
     *
     * @throws StreamsNotStartedException  before {@link #start()}
     * @throws InvalidStateStoreException  when the app is neither RUNNING nor REBALANCING
     * @throws UnknownStateStoreException  when the topology has no store of that name
     */
    public <T> T store(StoreQueryParameters<T> query) {
        Objects.requireNonNull(query, "query");
        Set<String> known;
        synchronized (this) {
            if (state == State.CREATED) {
                throw new StreamsNotStartedException("Cannot query state store " + query.storeName()
                    + ": application " + applicationId + " is not started; call start() and retry");
            }
            if (!state.isRunningOrRebalancing()) {
                throw new InvalidStateStoreException("Cannot query state store " + query.storeName()
                    + ": application " + applicationId + " is " + state);
            }
            known = storeNames;
        }
        LocalStoreProvider provider = new LocalStoreProvider(() -> queryableTaskStores(query), known, query);
        provider.requireKnown(query.storeName());
        return storeAccess.queryView(query.queryableStoreType().create(provider, query.storeName()));
    }

    private Map<TaskId, Map<String, StateStore>> queryableTaskStores(StoreQueryParameters<?> query) {
        State current = state();
        if (current == State.REBALANCING && !query.staleStoresEnabled()) {
            throw new InvalidStateStoreException("Cannot read state store " + query.storeName() + ": application "
                + applicationId + " is REBALANCING, its tasks may be moving; retry, or allow stale stores"
                + " (StoreQueryParameters.enableStaleStores)");
        }
        if (!current.isRunningOrRebalancing()) {
            throw new InvalidStateStoreException("Cannot read state store " + query.storeName() + ": application "
                + applicationId + " is " + current);
        }
        if (globalThread != null && globalThread.stores().containsKey(query.storeName())) {
            return Map.of(globalThread.taskId(), globalThread.stores());
        }
        return localTaskStores();
    }

    /** The stores of the tasks every thread runs now; each thread's part is one consistent snapshot. */
    private Map<TaskId, Map<String, StateStore>> localTaskStores() {
        Map<TaskId, Map<String, StateStore>> all = new LinkedHashMap<>();
        threads.forEach(thread -> all.putAll(thread.activeTaskStores()));
        return all;
    }

    /**
     * Where {@code key} of store {@code storeName} lives, its partition computed as the producer's default
     * partitioner does (murmur2 of {@code keySerializer}'s bytes): see {@link KeyLocator} for how the host is
     * found. {@link KeyQueryMetadata#NOT_AVAILABLE} unless the app is RUNNING (before start, while rebalancing,
     * once closing): retry.
     *
     * @throws UnknownStateStoreException when the topology has no store of that name
     */
    public <K> KeyQueryMetadata metadataForKey(String storeName, K key, Serializer<K> keySerializer) {
        Objects.requireNonNull(keySerializer, "keySerializer");
        KeyLocator locator = runningKeyLocator();
        return locator == null ? KeyQueryMetadata.NOT_AVAILABLE : locator.locate(storeName, key, keySerializer);
    }

    /**
     * As {@link #metadataForKey(String, Object, Serializer)}, for a store whose input was partitioned by
     * {@code partitioner}; it must put the key in exactly one partition.
     */
    public <K> KeyQueryMetadata metadataForKey(String storeName, K key, StreamPartitioner<? super K, ?> partitioner) {
        Objects.requireNonNull(partitioner, "partitioner");
        KeyLocator locator = runningKeyLocator();
        return locator == null ? KeyQueryMetadata.NOT_AVAILABLE : locator.locate(storeName, key, partitioner);
    }

    /**
     * Every instance of the application that has {@code application.server} set, with the stores and partitions it
     * hosts, as the latest assignment says (as {@code KafkaStreams.metadataForAllStreamsClients}).
     *
     * @throws StreamsNotStartedException before {@link #start()}
     * @throws IllegalStateException      when the app is neither RUNNING nor REBALANCING
     */
    public Collection<StreamsMetadata> metadataForAllStreamsClients() {
        return new ClientsMetadata(metadata).of(startedKeyLocator("read the metadata of the clients")
            .partitionsByHost());
    }

    /**
     * The instances of {@link #metadataForAllStreamsClients()} that host store {@code storeName} (every one for a
     * global store; none for a name the topology does not have).
     */
    public Collection<StreamsMetadata> streamsMetadataForStore(String storeName) {
        Objects.requireNonNull(storeName, "storeName");
        return metadataForAllStreamsClients().stream()
            .filter(client -> client.stateStoreNames().contains(storeName)).toList();
    }

    private synchronized KeyLocator startedKeyLocator(String what) {
        if (state == State.CREATED) {
            throw new StreamsNotStartedException("Cannot " + what + ": application " + applicationId
                + " is not started; call start() and retry");
        }
        if (!state.isRunningOrRebalancing()) {
            throw new IllegalStateException("Cannot " + what + ": application " + applicationId + " is " + state);
        }
        return keyLocator;
    }

    private synchronized KeyLocator runningKeyLocator() {
        return state == State.RUNNING ? keyLocator : null;
    }

    private StreamThread newThread() {
        String name = applicationId + "-StreamThread-" + threadNumbers.incrementAndGet();
        return new StreamThread(name, config, bootstrapServers, metadata, builder, instance, metrics,
            new ThreadListener(), storeAccess);
    }

    /** Closes the app, waiting as long as it takes. */
    @Override
    public void close() {
        close(Duration.ofMillis(Long.MAX_VALUE));
    }

    /**
     * Asks every thread to commit and close its tasks, waits up to {@code timeout} for them, then closes the
     * embedded broker, if any, and releases the state directory's lock. Idempotent; from ERROR the app stays in ERROR.
     *
     * @return whether every thread stopped within the timeout
     */
    public boolean close(Duration timeout) {
        synchronized (this) {
            if (state == State.CREATED) {
                setState(State.PENDING_SHUTDOWN);
                releaseResources();
                setState(State.NOT_RUNNING);
                return true;
            }
            if (state == State.RUNNING || state == State.REBALANCING) {
                setState(State.PENDING_SHUTDOWN);
            } else if (state == State.NOT_RUNNING) {
                return true;
            }
        }
        boolean stopped = stopThreads(timeout);
        synchronized (this) {
            if (stopped) {
                releaseResources();
            }
            if (state == State.PENDING_SHUTDOWN && stopped) {
                setState(State.NOT_RUNNING);
            } else if (state == State.PENDING_ERROR && stopped) {
                setState(State.ERROR);
            }
        }
        return stopped;
    }

    private boolean stopThreads(Duration timeout) {
        threads.forEach(StreamThread::shutdown);
        // Millisecond arithmetic, saturated: close() passes a timeout of Long.MAX_VALUE ms.
        long deadlineMs = saturatedAdd(System.currentTimeMillis(), timeout.toMillis());
        for (StreamThread thread : threads) {
            if (thread == Thread.currentThread()) {
                continue; // closing from a listener on a stream thread: it exits after the callback returns
            }
            try {
                long remainingMs = Math.max(1, deadlineMs - System.currentTimeMillis());
                thread.join(remainingMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (thread.isAlive()) {
                LOG.warn("Application {}: thread {} did not stop within {}", applicationId, thread.getName(), timeout);
                return false;
            }
        }
        // Last: the stream threads read the global stores until they stop.
        return globalThread == null || stopGlobalThread(deadlineMs, timeout);
    }

    private boolean stopGlobalThread(long deadlineMs, Duration timeout) {
        globalThread.shutdown();
        if (globalThread == Thread.currentThread() || globalThread.getState() == Thread.State.NEW) {
            return true; // exits after its listener returns / never ran: releaseResources closes it
        }
        try {
            globalThread.join(Math.max(1, deadlineMs - System.currentTimeMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        if (globalThread.isAlive()) {
            LOG.warn("Application {}: thread {} did not stop within {}", applicationId, globalThread.getName(),
                timeout);
            return false;
        }
        return true;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private void releaseResources() {
        if (globalThread != null && globalThread.getState() == Thread.State.NEW) {
            globalThread.closeUnstarted(); // start failed after it was built
        }
        if (stateCleaner != null) {
            stateCleaner.close();
            stateCleaner = null;
        }
        metrics.close();
        if (embeddedBroker != null) {
            embeddedBroker.close();
            embeddedBroker = null;
        }
        stateDirectory.close(); // last: the threads and the embedded broker no longer touch the directory
    }

    private void requireCreated(String what) {
        if (state != State.CREATED) {
            throw new IllegalStateException("Cannot " + what + " of application " + applicationId + " in state "
                + state + "; only in CREATED");
        }
    }

    private synchronized void setState(State next) {
        if (state == next) {
            return;
        }
        if (!state.isValidTransition(next)) {
            throw new IllegalStateException("Application " + applicationId + ": invalid transition " + state
                + " -> " + next);
        }
        State old = state;
        state = next;
        LOG.info("Application {}: state {} -> {}", applicationId, old, next);
        if (stateListener != null) {
            stateListener.onChange(next, old);
        }
    }

    /** RUNNING when every live thread runs, REBALANCING otherwise; only while the app is running or rebalancing. */
    private synchronized void updateRunningState() {
        if (!state.isRunningOrRebalancing()) {
            return;
        }
        boolean allRunning = threads.stream().allMatch(t -> t.state() == StreamThread.State.RUNNING);
        setState(allRunning ? State.RUNNING : State.REBALANCING);
    }

    /** Applies the uncaught-exception handler's response to a thread that died (on that thread). */
    private void onThreadDeath(StreamThread thread, Throwable error) {
        StreamThreadExceptionResponse response;
        try {
            response = exceptionHandler.handle(error);
        } catch (RuntimeException e) {
            LOG.error("Application {}: the uncaught exception handler failed; shutting down", applicationId, e);
            response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("Application {}: thread {} died; handler response {}", applicationId, thread.getName(), response,
            error);
        synchronized (this) {
            threads.remove(thread);
            if (!state.isRunningOrRebalancing()) {
                return; // already closing
            }
            if (response == StreamThreadExceptionResponse.REPLACE_THREAD) {
                StreamThread replacement = newThread();
                threads.add(replacement);
                setState(State.REBALANCING);
                replacement.start();
                return;
            }
            // SHUTDOWN_APPLICATION shuts down this instance only: the request cannot reach other members yet.
            setState(State.PENDING_ERROR);
        }
        // Another thread does the shutdown: this one must not wait for itself, and returns to exit.
        Thread shutdown = new Thread(() -> close(Duration.ofMillis(Long.MAX_VALUE)), applicationId + "-shutdown");
        shutdown.start();
    }

    /**
     * The global stream thread exited (on that thread). Without it the global stores stop following their topics,
     * so a failure shuts the instance down whatever the handler answers (it cannot be replaced, as in Kafka Streams).
     */
    private void onGlobalThreadExit(GlobalStreamThread thread, Throwable error) {
        if (error == null) {
            return;
        }
        StreamThreadExceptionResponse response;
        try {
            response = exceptionHandler.handle(error);
        } catch (RuntimeException e) {
            LOG.error("Application {}: the uncaught exception handler failed", applicationId, e);
            response = StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        LOG.error("Application {}: the global stream thread died (handler response {}); shutting down this instance, "
            + "since the global thread cannot be replaced", applicationId, response, error);
        synchronized (this) {
            if (!state.isRunningOrRebalancing()) {
                return; // already closing
            }
            setState(State.PENDING_ERROR);
        }
        new Thread(() -> close(Duration.ofMillis(Long.MAX_VALUE)), applicationId + "-shutdown").start();
    }

    /** What the app hears from its threads. */
    private final class ThreadListener implements StreamThread.Listener {
        @Override
        public void onStateChange(StreamThread thread, StreamThread.State threadState) {
            if (threadState == StreamThread.State.RUNNING || threadState == StreamThread.State.REBALANCING) {
                updateRunningState();
            }
        }

        @Override
        public void onAssignment(StreamThread thread, AssignmentInfo assignment) {
            keyLocator.onAssignment(assignment); // set before any thread starts
        }

        @Override
        public void onExit(StreamThread thread, Throwable error) {
            if (error != null) {
                onThreadDeath(thread, error);
            }
        }
    }

    @Override
    public String toString() {
        return "StreamsApp[" + applicationId + ", " + state() + ", threads=" + threads.size() + "]";
    }
}
