package io.sluice.connect.runtime.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.connect.runtime.Await;
import io.sluice.connect.runtime.standalone.RestTestClient.Answer;
import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.embedded.EmbeddedBrokerExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint of the REST API and every error answer, over real HTTP, against a standalone worker on an embedded
 * broker running small test connectors. Each test uses its own connector names, so they share one worker.
 */
class ConnectRestApiIT {

    @RegisterExtension
    static final EmbeddedBrokerExtension BROKER = new EmbeddedBrokerExtension();

    private static final String COUNTING = CountingSourceConnector.class.getName();
    private static final String STRING_CONVERTER = "org.apache.kafka.connect.storage.StringConverter";

    private static ConnectStandalone connect;
    private static RestTestClient rest;
    @TempDir
    static Path dir;

    @BeforeAll
    static void startWorker() {
        EmbeddedBroker broker = BROKER.broker();
        connect = new ConnectStandalone(Map.of(
            "bootstrap.servers", broker.bootstrapServers(),
            "listeners", "http://localhost:0",
            "offset.storage.file.filename", dir.resolve("offsets").toString(),
            "offset.flush.interval.ms", "100"), List.of());
        connect.start();
        rest = new RestTestClient(connect.restUrl());
    }

    @AfterAll
    static void stopWorker() {
        connect.close();
    }

    private static Map<String, String> counting(String name, String topic) {
        Map<String, String> config = new HashMap<>();
        config.put("name", name);
        config.put("connector.class", COUNTING);
        config.put("tasks.max", "1");
        config.put("topic", topic);
        config.put("key.converter", STRING_CONVERTER);
        config.put("value.converter", STRING_CONVERTER);
        return config;
    }

    private static Answer create(Map<String, String> config) {
        return rest.send("POST", "/connectors", RestTestClient.json(Map.of("name", config.get("name"),
            "config", config)));
    }

    private static void awaitRunning(String name, int tasks) {
        awaitConnectorAndTasks(name, "RUNNING", tasks);
    }

    private static void awaitConnectorAndTasks(String name, String state, int tasks) {
        Await.until(name + " and its " + tasks + " task(s) " + state, () -> {
            JsonNode status = rest.get("/connectors/" + name + "/status").json();
            if (!state.equals(status.path("connector").path("state").asText())
                || status.path("tasks").size() != tasks) {
                return false;
            }
            for (JsonNode task : status.path("tasks")) {
                if (!state.equals(task.path("state").asText())) {
                    return false;
                }
            }
            return true;
        });
    }

    private static void awaitState(String name, String state) {
        Await.until(name + " in state " + state, () -> state.equals(
            rest.get("/connectors/" + name + "/status").json().path("connector").path("state").asText()));
    }

    @Test
    void rootAnswersVersionCommitAndTheClusterId() throws Exception {
        Answer root = rest.get("/");

        assertThat(root.status()).isEqualTo(200);
        assertThat(root.header("Content-Type")).isEqualTo("application/json");
        assertThat(root.json().path("version").asText()).isEqualTo(AppInfoParser.getVersion());
        assertThat(root.json().path("commit").asText()).isEqualTo(AppInfoParser.getCommitId());
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", connect.bootstrapServers()))) {
            assertThat(root.json().path("kafka_cluster_id").asText())
                .isEqualTo(admin.describeCluster().clusterId().get());
        }
    }

    @Test
    void createdConnectorIsListedDescribedAndRunsItsTasks() {
        Answer created = create(counting("rest-create", "rest-create-topic"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo(connect.restUrl().resolve("/connectors/rest-create")
            .toString());
        assertThat(created.json().path("name").asText()).isEqualTo("rest-create");
        assertThat(created.json().path("type").asText()).isEqualTo("source");
        assertThat(created.json().path("config").path("topic").asText()).isEqualTo("rest-create-topic");
        awaitRunning("rest-create", 1);

        assertThat(rest.get("/connectors").json()).extracting(JsonNode::asText).contains("rest-create");
        JsonNode info = rest.get("/connectors/rest-create").json();
        assertThat(info.path("tasks").get(0).path("connector").asText()).isEqualTo("rest-create");
        assertThat(info.path("tasks").get(0).path("task").asInt()).isZero();
        assertThat(rest.get("/connectors/rest-create/config").json().path("name").asText()).isEqualTo("rest-create");
        JsonNode tasks = rest.get("/connectors/rest-create/tasks").json();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).path("id").path("task").asInt()).isZero();
        assertThat(tasks.get(0).path("config").path("topic").asText()).isEqualTo("rest-create-topic");
        JsonNode status = rest.get("/connectors/rest-create/status").json();
        assertThat(status.path("type").asText()).isEqualTo("source");
        assertThat(status.path("connector").path("worker_id").asText()).isEqualTo(connect.herder().workerId());
        assertThat(status.path("connector").has("trace")).isFalse();
        Answer task = rest.get("/connectors/rest-create/tasks/0/status");
        assertThat(task.status()).isEqualTo(200);
        assertThat(task.json().path("id").asInt()).isZero();
        assertThat(task.json().path("state").asText()).isEqualTo("RUNNING");
    }

    @Test
    void listExpandsStatusAndInfoKeyedByName() {
        create(counting("rest-expand", "rest-expand-topic"));
        awaitRunning("rest-expand", 1);

        JsonNode both = rest.get("/connectors?expand=status&expand=info").json();
        JsonNode statusOnly = rest.get("/connectors?expand=status").json();

        assertThat(both.path("rest-expand").path("status").path("connector").path("state").asText())
            .isEqualTo("RUNNING");
        assertThat(both.path("rest-expand").path("info").path("config").path("topic").asText())
            .isEqualTo("rest-expand-topic");
        assertThat(statusOnly.path("rest-expand").has("status")).isTrue();
        assertThat(statusOnly.path("rest-expand").has("info")).isFalse();
    }

    @Test
    void putConfigCreatesWith201ThenUpdatesWith200() {
        Map<String, String> config = counting("rest-put", "rest-put-topic");
        config.remove("name");

        Answer created = rest.send("PUT", "/connectors/rest-put/config", RestTestClient.json(config));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/connectors/rest-put");
        awaitRunning("rest-put", 1);

        config.put("tasks.max", "2");
        Answer updated = rest.send("PUT", "/connectors/rest-put/config", RestTestClient.json(config));
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("config").path("tasks.max").asText()).isEqualTo("2");
        awaitRunning("rest-put", 2);

        config.put("name", "another-name");
        Answer mismatch = rest.send("PUT", "/connectors/rest-put/config", RestTestClient.json(config));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.json().path("message").asText()).isEqualTo(
            "Connector name configuration (another-name) doesn't match connector name in the URL (rest-put)");
    }

    @Test
    void invalidConfigIsRefusedWith400AndKafkasPerFieldMessage() {
        Map<String, String> config = counting("rest-invalid", "unused");
        config.remove("topic");
        config.put("batch.size", "0");

        Answer refused = create(config);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error_code").asInt()).isEqualTo(400);
        assertThat(refused.json().path("message").asText()).isEqualTo(
            "Connector configuration is invalid and contains the following 2 error(s):\n"
                + "Missing required configuration \"topic\" which has no default value.\n"
                + "Invalid value 0 for configuration batch.size: Value must be at least 1\n"
                + "You can also find the above list of errors at the endpoint "
                + "`/connector-plugins/{connectorType}/config/validate`");
        assertThat(rest.get("/connectors/rest-invalid").status()).isEqualTo(404);
    }

    @Test
    void validateAnswersKafkasPerFieldFormat() {
        Map<String, String> config = counting("rest-validate", "unused");
        config.remove("topic");

        Answer validated = rest.send("PUT", "/connector-plugins/CountingSourceConnector/config/validate",
            RestTestClient.json(config));

        assertThat(validated.status()).isEqualTo(200);
        JsonNode body = validated.json();
        assertThat(body.path("name").asText()).isEqualTo(COUNTING);
        assertThat(body.path("error_count").asInt()).isEqualTo(1);
        assertThat(body.path("groups")).extracting(JsonNode::asText).contains("Common");
        JsonNode topic = entry(body, "topic");
        assertThat(topic.path("definition").path("type").asText()).isEqualTo("STRING");
        assertThat(topic.path("definition").path("required").asBoolean()).isTrue();
        assertThat(topic.path("definition").path("default_value").isNull()).isTrue();
        assertThat(topic.path("definition").path("importance").asText()).isEqualTo("HIGH");
        assertThat(topic.path("definition").path("width").asText()).isEqualTo("NONE");
        assertThat(topic.path("value").path("errors")).extracting(JsonNode::asText)
            .containsExactly("Missing required configuration \"topic\" which has no default value.");
        JsonNode batch = entry(body, "batch.size");
        assertThat(batch.path("definition").path("type").asText()).isEqualTo("INT");
        assertThat(batch.path("definition").path("default_value").asText()).isEqualTo("10");
        assertThat(batch.path("value").path("value").asText()).isEqualTo("10");
        assertThat(batch.path("value").path("errors")).isEmpty();
        JsonNode tasksMax = entry(body, "tasks.max");
        assertThat(tasksMax.path("definition").path("group").asText()).isEqualTo("Common");
    }

    @Test
    void validateRefusesAConnectorClassThatDiffersFromThePath() {
        Answer refused = rest.send("PUT", "/connector-plugins/FailingSourceConnector/config/validate",
            RestTestClient.json(counting("rest-mismatch", "t")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asText()).isEqualTo("Included connector type " + COUNTING
            + " does not match request type FailingSourceConnector");
    }

    @Test
    void unknownConnectorClassIsAValidationErrorOnConnectorClass() {
        Map<String, String> config = counting("rest-unknown-class", "t");
        config.put("connector.class", "com.example.NoSuchConnector");

        Answer refused = create(config);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("message").asText())
            .startsWith("Connector configuration is invalid and contains the following 1 error(s):\n")
            .contains("com.example.NoSuchConnector");
    }

    @Test
    void malformedJsonIs400WithTheParserMessage() {
        Answer refused = rest.send("POST", "/connectors", "{\"name\": \"x\", \"config\": {");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error_code").asInt()).isEqualTo(400);
        assertThat(refused.json().path("message").asText()).startsWith("Request body is not valid JSON: ")
            .contains("line 1");
    }

    @Test
    void unknownConnectorTaskPathAndMethodAnswer404And405() {
        Answer connector = rest.get("/connectors/no-such-connector/status");
        assertThat(connector.status()).isEqualTo(404);
        assertThat(connector.json().path("message").asText()).isEqualTo("Connector no-such-connector not found");

        create(counting("rest-404", "rest-404-topic"));
        awaitRunning("rest-404", 1);
        Answer task = rest.get("/connectors/rest-404/tasks/7/status");
        assertThat(task.status()).isEqualTo(404);
        assertThat(task.json().path("message").asText()).isEqualTo("No status found for task rest-404-7");
        assertThat(rest.send("POST", "/connectors/rest-404/tasks/7/restart", null).status()).isEqualTo(404);

        Answer path = rest.get("/no/such/path");
        assertThat(path.status()).isEqualTo(404);
        assertThat(path.json().path("message").asText()).isEqualTo("HTTP 404 Not Found");

        Answer method = rest.send("DELETE", "/connectors", null);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().path("error_code").asInt()).isEqualTo(405);
        assertThat(method.json().path("message").asText()).isEqualTo("HTTP 405 Method Not Allowed");
    }

    @Test
    void duplicateNameIs409() {
        assertThat(create(counting("rest-dup", "rest-dup-topic")).status()).isEqualTo(201);

        Answer duplicate = create(counting("rest-dup", "rest-dup-topic"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().path("message").asText()).isEqualTo("Connector rest-dup already exists");
    }

    @Test
    void pauseResumeAndStopChangeConnectorAndTaskStates() {
        create(counting("rest-states", "rest-states-topic"));
        awaitRunning("rest-states", 1);

        assertThat(rest.send("PUT", "/connectors/rest-states/pause", null).status()).isEqualTo(202);
        Await.until("connector and task PAUSED", () -> {
            JsonNode status = rest.get("/connectors/rest-states/status").json();
            return "PAUSED".equals(status.path("connector").path("state").asText())
                && "PAUSED".equals(status.path("tasks").path(0).path("state").asText());
        });

        assertThat(rest.send("PUT", "/connectors/rest-states/resume", null).status()).isEqualTo(202);
        awaitRunning("rest-states", 1);

        assertThat(rest.send("PUT", "/connectors/rest-states/stop", null).status()).isEqualTo(204);
        awaitState("rest-states", "STOPPED");
        assertThat(rest.get("/connectors/rest-states/status").json().path("tasks")).isEmpty();
        assertThat(rest.get("/connectors/rest-states/tasks").json()).isEmpty();

        assertThat(rest.send("PUT", "/connectors/rest-states/resume", null).status()).isEqualTo(202);
        awaitRunning("rest-states", 1);
    }

    @Test
    void connectorCreatedPausedHasItsTasksCreatedPausedAndRunsOnResume() {
        Map<String, String> config = counting("rest-initial-paused", "rest-initial-paused-topic");
        Answer created = rest.send("POST", "/connectors", RestTestClient.json(Map.of("name", config.get("name"),
            "config", config, "initial_state", "PAUSED")));

        assertThat(created.status()).isEqualTo(201);
        awaitConnectorAndTasks("rest-initial-paused", "PAUSED", 1);
        JsonNode tasks = rest.get("/connectors/rest-initial-paused/tasks").json();
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).path("config").path("topic").asText()).isEqualTo("rest-initial-paused-topic");
        assertThat(rest.get("/connectors/rest-initial-paused/offsets").json().path("offsets"))
            .as("a task created paused never polled").isEmpty();

        assertThat(rest.send("PUT", "/connectors/rest-initial-paused/resume", null).status()).isEqualTo(202);
        awaitRunning("rest-initial-paused", 1);
        Await.until("the resumed task writes", () ->
            !rest.get("/connectors/rest-initial-paused/offsets").json().path("offsets").isEmpty());
    }

    @Test
    void connectorCreatedStoppedHasNoTasksAndPausingItCreatesThemPaused() {
        Map<String, String> config = counting("rest-initial-stopped", "rest-initial-stopped-topic");
        Answer created = rest.send("POST", "/connectors", RestTestClient.json(Map.of("name", config.get("name"),
            "config", config, "initial_state", "STOPPED")));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("tasks")).isEmpty();
        awaitState("rest-initial-stopped", "STOPPED");
        assertThat(rest.get("/connectors/rest-initial-stopped/status").json().path("tasks")).isEmpty();
        assertThat(rest.get("/connectors/rest-initial-stopped/tasks").json()).isEmpty();

        assertThat(rest.send("PUT", "/connectors/rest-initial-stopped/pause", null).status()).isEqualTo(202);
        awaitConnectorAndTasks("rest-initial-stopped", "PAUSED", 1);
        assertThat(rest.get("/connectors/rest-initial-stopped/offsets").json().path("offsets")).isEmpty();

        assertThat(rest.send("PUT", "/connectors/rest-initial-stopped/resume", null).status()).isEqualTo(202);
        awaitRunning("rest-initial-stopped", 1);
    }

    @Test
    void offsetsCanBeReadAlwaysAndChangedOnlyWhenStopped() {
        create(counting("rest-offsets", "rest-offsets-topic"));
        awaitRunning("rest-offsets", 1);
        Await.until("a committed source offset", () ->
            rest.get("/connectors/rest-offsets/offsets").json().path("offsets").size() == 1);

        JsonNode read = rest.get("/connectors/rest-offsets/offsets").json().path("offsets").get(0);
        assertThat(read.path("partition").path("task").asText()).isEqualTo("0");
        assertThat(read.path("offset").path("position").asLong()).isNotNegative();

        String patch = "{\"offsets\":[{\"partition\":{\"task\":\"0\"},\"offset\":{\"position\":41}}]}";
        Answer whileRunning = rest.send("PATCH", "/connectors/rest-offsets/offsets", patch);
        assertThat(whileRunning.status()).isEqualTo(400);
        assertThat(whileRunning.json().path("message").asText()).isEqualTo("Connectors must be in the STOPPED state "
            + "before their offsets can be modified. This can be done for the specified connector by issuing a "
            + "'PUT' request to the '/connectors/rest-offsets/stop' endpoint");
        assertThat(rest.send("DELETE", "/connectors/rest-offsets/offsets", null).status()).isEqualTo(400);

        rest.send("PUT", "/connectors/rest-offsets/stop", null);
        awaitState("rest-offsets", "STOPPED");
        Answer altered = rest.send("PATCH", "/connectors/rest-offsets/offsets", patch);
        assertThat(altered.status()).isEqualTo(200);
        assertThat(altered.json().path("message").asText())
            .isEqualTo("The offsets for this connector have been altered successfully");
        assertThat(rest.get("/connectors/rest-offsets/offsets").json().path("offsets").get(0)
            .path("offset").path("position").asLong()).isEqualTo(41);

        Answer reset = rest.send("DELETE", "/connectors/rest-offsets/offsets", null);
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.json().path("message").asText())
            .isEqualTo("The offsets for this connector have been reset successfully");
        assertThat(rest.get("/connectors/rest-offsets/offsets").json().path("offsets")).isEmpty();

        Answer empty = rest.send("PATCH", "/connectors/rest-offsets/offsets", "{\"offsets\":[]}");
        assertThat(empty.status()).isEqualTo(400);
    }

    @Test
    void restartAnswers204PlainAnd202WithThePlannedStates() {
        create(counting("rest-restart", "rest-restart-topic"));
        awaitRunning("rest-restart", 1);

        assertThat(rest.send("POST", "/connectors/rest-restart/restart", null).status()).isEqualTo(204);
        awaitRunning("rest-restart", 1);

        Answer onlyFailed = rest.send("POST", "/connectors/rest-restart/restart?includeTasks=true&onlyFailed=true",
            null);
        assertThat(onlyFailed.status()).isEqualTo(202);
        assertThat(onlyFailed.json().path("connector").path("state").asText()).isEqualTo("RUNNING");
        assertThat(onlyFailed.json().path("tasks").path(0).path("state").asText()).isEqualTo("RUNNING");

        Answer all = rest.send("POST", "/connectors/rest-restart/restart?includeTasks=true", null);
        assertThat(all.status()).isEqualTo(202);
        assertThat(all.json().path("connector").path("state").asText()).isEqualTo("RESTARTING");
        assertThat(all.json().path("tasks").path(0).path("state").asText()).isEqualTo("RESTARTING");
        awaitRunning("rest-restart", 1);

        assertThat(rest.send("POST", "/connectors/rest-restart/tasks/0/restart", null).status()).isEqualTo(204);
        awaitRunning("rest-restart", 1);
        assertThat(rest.send("POST", "/connectors/rest-restart/restart?includeTasks=maybe", null).status())
            .isEqualTo(400);
    }

    @Test
    void connectorFailingInStartShowsFailedWithTraceWhileAnotherKeepsRunning() {
        create(counting("rest-healthy", "rest-healthy-topic"));
        Map<String, String> failing = counting("rest-failing", "unused");
        failing.put("connector.class", FailingSourceConnector.class.getName());

        assertThat(create(failing).status()).isEqualTo(201);

        awaitState("rest-failing", "FAILED");
        JsonNode status = rest.get("/connectors/rest-failing/status").json();
        assertThat(status.path("connector").path("trace").asText()).contains(FailingSourceConnector.FAILURE);
        awaitRunning("rest-healthy", 1);
        long before = offsetOf("rest-healthy");
        Await.until("the healthy connector keeps producing", () -> offsetOf("rest-healthy") > before);

        Answer restart = rest.send("POST", "/connectors/rest-failing/restart?onlyFailed=true", null);
        assertThat(restart.status()).isEqualTo(202);
        assertThat(restart.json().path("connector").path("state").asText()).isEqualTo("RESTARTING");
        awaitState("rest-failing", "FAILED");
    }

    private static long offsetOf(String connector) {
        JsonNode offsets = rest.get("/connectors/" + connector + "/offsets").json().path("offsets");
        return offsets.isEmpty() ? -1 : offsets.get(0).path("offset").path("position").asLong();
    }

    @Test
    void topicsAreReportedAndReset() {
        create(counting("rest-topics", "rest-topics-topic"));
        awaitRunning("rest-topics", 1);
        Await.until("active topic recorded", () -> rest.get("/connectors/rest-topics/topics").json()
            .path("rest-topics").path("topics").size() == 1);

        JsonNode topics = rest.get("/connectors/rest-topics/topics").json();
        assertThat(topics.path("rest-topics").path("topics").get(0).asText()).isEqualTo("rest-topics-topic");

        rest.send("PUT", "/connectors/rest-topics/stop", null);
        awaitState("rest-topics", "STOPPED");
        assertThat(rest.send("PUT", "/connectors/rest-topics/topics/reset", null).status()).isEqualTo(202);
        assertThat(rest.get("/connectors/rest-topics/topics").json().path("rest-topics").path("topics")).isEmpty();
    }

    @Test
    void deleteRemovesTheConnector() {
        create(counting("rest-delete", "rest-delete-topic"));
        awaitRunning("rest-delete", 1);

        assertThat(rest.send("DELETE", "/connectors/rest-delete", null).status()).isEqualTo(204);

        assertThat(rest.get("/connectors/rest-delete").status()).isEqualTo(404);
        assertThat(rest.get("/connectors").json()).extracting(JsonNode::asText).doesNotContain("rest-delete");
        assertThat(rest.send("DELETE", "/connectors/rest-delete", null).status()).isEqualTo(404);
    }

    @Test
    void connectorPluginsListConnectorsAndOnRequestAllPlugins() {
        JsonNode connectors = rest.get("/connector-plugins").json();
        JsonNode all = rest.get("/connector-plugins?connectorsOnly=false").json();

        assertThat(types(connectors, COUNTING)).containsExactly("source");
        assertThat(typesOfAll(connectors)).isSubsetOf("source", "sink");
        assertThat(types(all, COUNTING)).containsExactly("source");
        assertThat(types(all, "org.apache.kafka.connect.json.JsonConverter")).contains("converter");
        assertThat(types(all, "org.apache.kafka.connect.transforms.InsertField$Value")).contains("transformation");
    }

    private static List<String> types(JsonNode plugins, String className) {
        List<String> types = new ArrayList<>();
        for (JsonNode plugin : plugins) {
            if (className.equals(plugin.path("class").asText())) {
                types.add(plugin.path("type").asText());
            }
        }
        return types;
    }

    private static List<String> typesOfAll(JsonNode plugins) {
        List<String> types = new ArrayList<>();
        plugins.forEach(plugin -> types.add(plugin.path("type").asText()));
        return types;
    }

    private static JsonNode entry(JsonNode validation, String key) {
        for (JsonNode config : validation.path("configs")) {
            if (key.equals(config.path("value").path("name").asText())) {
                return config;
            }
        }
        throw new AssertionError("No validation entry for " + key + " in " + validation);
    }
}
