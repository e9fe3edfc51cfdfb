package io.sluice.connect.datagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class DatagenConnectorTest {

    private final DatagenConnector connector = new DatagenConnector();

    @Test
    void shouldRejectAMissingTopicNamingTheKey() {
        assertThatThrownBy(() -> connector.start(Map.of("data.set", "clicks")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("\"topic\"");
    }

    @Test
    void shouldRejectAnUnknownDataSetNamingTheKey() {
        assertThatThrownBy(() -> connector.start(Map.of("data.set", "payments", "topic", "t")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("Invalid value payments for configuration data.set")
            .hasMessageContaining("users, clicks, orders");
    }

    @Test
    void shouldRejectANegativeRateNamingTheKey() {
        assertThatThrownBy(() -> connector.start(Map.of("data.set", "users", "topic", "t", "rate", "-1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("Invalid value -1.0 for configuration rate");
    }

    @Test
    void shouldRejectANegativeMaxRecordsNamingTheKey() {
        assertThatThrownBy(() -> connector.start(Map.of("data.set", "users", "topic", "t", "max.records", "-5")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("configuration max.records");
    }

    @Test
    void shouldReportEveryKeyErrorWhenValidating() {
        assertThat(connector.validate(Map.of("data.set", "nope", "bot.ratio", "2")).configValues())
            .filteredOn(value -> !value.errorMessages().isEmpty())
            .extracting(value -> value.name())
            .containsExactlyInAnyOrder("data.set", "topic", "bot.ratio");
    }

    @Test
    void shouldHandEachTaskItsStripe() {
        connector.start(Map.of("data.set", "clicks", "topic", "t"));

        assertThat(connector.taskConfigs(2)).satisfiesExactly(
            first -> assertThat(first).containsEntry("task.index", "0").containsEntry("task.count", "2"),
            second -> assertThat(second).containsEntry("task.index", "1").containsEntry("task.count", "2"));
    }

    @Test
    void shouldRejectOffsetsNotShapedLikeTheTasksOnes() {
        Map<String, ?> partition = Map.of("data.set", "clicks", "task", 0, "tasks", 1);
        assertThat(connector.alterOffsets(Map.of(), Map.of(partition, Map.of("sequence", 41L)))).isTrue();

        assertThatThrownBy(() -> connector.alterOffsets(Map.of(), Map.of(partition, Map.of("sequence", "x"))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("'sequence'");
        assertThatThrownBy(() -> connector.alterOffsets(Map.of(), Map.of(Map.of("task", 0), Map.of("sequence", 1L))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("\"data.set\"");
    }

    @Test
    void shouldReportTheBuildVersion() {
        assertThat(connector.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
