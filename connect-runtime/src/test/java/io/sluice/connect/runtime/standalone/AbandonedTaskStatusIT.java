package io.sluice.connect.runtime.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.connect.runtime.Await;
import io.sluice.connect.runtime.standalone.StubbornSourceConnector.BlockIn;
import io.sluice.connect.runtime.standalone.StubbornSourceConnector.Script;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task that ignores its stop beyond {@code task.shutdown.graceful.timeout.ms} is abandoned and replaced; whatever the
 * abandoned instance reports once it finally returns must not overwrite the status of its replacement.
 */
class AbandonedTaskStatusIT {

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    @TempDir
    static Path dir;

    private static ConnectStandalone connect;
    private static RestTestClient rest;

    @BeforeAll
    static void startWorker() {
        connect = new ConnectStandalone(Map.of(
            "bootstrap.servers", BROKER.broker().bootstrapServers(),
            "listeners", "http://localhost:0",
            "offset.storage.file.filename", dir.resolve("offsets").toString(),
            "task.shutdown.graceful.timeout.ms", "300"), List.of());
        connect.start();
        rest = new RestTestClient(connect.restUrl());
    }

    @AfterAll
    static void stopWorker() {
        connect.close();
    }

    @Test
    void lateShutdownOfAnAbandonedTaskLeavesItsReplacementRunning() throws Exception {
        Script script = deploy("stubborn-poll", new Script(BlockIn.POLL, false));
        awaitTaskState("stubborn-poll", "RUNNING");

        assertThat(rest.send("POST", "/connectors/stubborn-poll/tasks/0/restart", null).status()).isEqualTo(204);
        Await.until("the replacement task started", () -> script.instances.get() == 2);
        awaitTaskState("stubborn-poll", "RUNNING");
        releaseAndAwaitTheAbandonedInstance(script);

        assertThat(taskStatus("stubborn-poll").path("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void lateStartupOfAnAbandonedTaskDoesNotHideItsReplacementsFailure() throws Exception {
        Script script = deploy("stubborn-start", new Script(BlockIn.START, true));

        assertThat(rest.send("POST", "/connectors/stubborn-start/tasks/0/restart", null).status()).isEqualTo(204);
        awaitTaskState("stubborn-start", "FAILED");
        releaseAndAwaitTheAbandonedInstance(script);

        JsonNode task = taskStatus("stubborn-start");
        assertThat(task.path("state").asText()).isEqualTo("FAILED");
        assertThat(task.path("trace").asText()).contains(StubbornSourceConnector.REPLACEMENT_FAILURE);
        assertThat(script.instances.get()).isEqualTo(2);
    }

    /** Creates a connector running the given script and waits until its first task instance blocks. */
    private static Script deploy(String name, Script script) throws InterruptedException {
        StubbornSourceConnector.SCRIPTS.put(name, script);
        assertThat(rest.send("POST", "/connectors", RestTestClient.json(Map.of("name", name, "config", Map.of(
            "connector.class", StubbornSourceConnector.class.getName(), "tasks.max", "1",
            StubbornSourceConnector.SCRIPT, name)))).status()).isEqualTo(201);
        assertThat(script.firstInstanceBlocked.await(30, TimeUnit.SECONDS)).as("first instance blocked").isTrue();
        return script;
    }

    /** Lets the abandoned instance return and waits until its thread (and so every report it makes) has ended. */
    private static void releaseAndAwaitTheAbandonedInstance(Script script) throws InterruptedException {
        script.release.countDown();
        Thread abandoned = script.firstInstanceThread;
        abandoned.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(abandoned.isAlive()).as("the abandoned task thread ended").isFalse();
    }

    private static JsonNode taskStatus(String name) {
        return rest.get("/connectors/" + name + "/tasks/0/status").json();
    }

    private static void awaitTaskState(String name, String state) {
        Await.until(name + " task 0 " + state, () -> state.equals(taskStatus(name).path("state").asText()));
    }
}
