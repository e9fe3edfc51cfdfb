package io.sluice.connect.runtime.standalone;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * A test source whose first task instance ignores stop requests and interrupts: it blocks in {@code start()} or
 * {@code poll()} (as its {@link Script} says) until the test releases it, long after the worker abandoned it. Later
 * instances (the replacements) idle, or fail in {@code poll()} when the script asks for it. One task per connector;
 * the config key {@value #SCRIPT} names the script in {@link #SCRIPTS}.
 */
public final class StubbornSourceConnector extends SourceConnector {

    static final String SCRIPT = "script";
    static final String REPLACEMENT_FAILURE = "the replacement task fails in poll";

    /** Where the first instance blocks; the test's handle on the instances. */
    enum BlockIn { START, POLL }

    /** What the test controls and observes for one connector. */
    static final class Script {
        final BlockIn blockIn;
        final boolean replacementsFail;
        final CountDownLatch firstInstanceBlocked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger instances = new AtomicInteger();
        volatile Thread firstInstanceThread;

        Script(BlockIn blockIn, boolean replacementsFail) {
            this.blockIn = blockIn;
            this.replacementsFail = replacementsFail;
        }

        /** Blocks the calling task thread until released, ignoring interrupts, as a badly written plugin does. */
        void blockUntilReleased() {
            firstInstanceThread = Thread.currentThread();
            firstInstanceBlocked.countDown();
            while (true) {
                try {
                    release.await();
                    return;
                } catch (InterruptedException ignoredOnPurpose) {
                    // The worker interrupts an abandoned task; this one does not care.
                }
            }
        }
    }

    static final Map<String, Script> SCRIPTS = new ConcurrentHashMap<>();

    private String script;

    @Override
    public void start(Map<String, String> props) {
        script = props.get(SCRIPT);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return StubbornTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(Map.of(SCRIPT, script));
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef().define(SCRIPT, ConfigDef.Type.STRING, ConfigDef.Importance.HIGH,
            "Key of the test's Script in StubbornSourceConnector.SCRIPTS.");
    }

    @Override
    public String version() {
        return "1.0-test";
    }

    /** The task of {@link StubbornSourceConnector}. */
    public static final class StubbornTask extends SourceTask {
        private Script script;
        private boolean first;

        @Override
        public void start(Map<String, String> props) {
            script = SCRIPTS.get(props.get(SCRIPT));
            first = script.instances.incrementAndGet() == 1;
            if (first && script.blockIn == BlockIn.START) {
                script.blockUntilReleased();
            }
        }

        @Override
        public List<SourceRecord> poll() throws InterruptedException {
            if (first && script.blockIn == BlockIn.POLL) {
                script.blockUntilReleased();
                return null;
            }
            if (!first && script.replacementsFail) {
                throw new ConnectException(REPLACEMENT_FAILURE);
            }
            Thread.sleep(20);
            return null;
        }

        @Override
        public void stop() {
        }

        @Override
        public String version() {
            return "1.0-test";
        }
    }
}
