package io.sluice.connect.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class FileSourceConnectorTest {

    private final FileSourceConnector connector = new FileSourceConnector();

    @Test
    void shouldRejectAConfigWithoutTopicNamingTheKey() {
        assertThatThrownBy(() -> connector.start(Map.of("file", "/tmp/x.log")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("\"topic\"");
    }

    @Test
    void shouldRejectBothFileAndFiles() {
        assertThatThrownBy(() -> connector.start(Map.of("topic", "t", "file", "/a", "files", "/b/*")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("configuration file")
            .hasMessageContaining("files=/b/*");
    }

    @Test
    void shouldRejectNeitherFileNorFiles() {
        assertThatThrownBy(() -> connector.start(Map.of("topic", "t")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("set 'file' (one path) or 'files' (a glob)");
    }

    @Test
    void shouldRejectAnEncodingThatCannotBeSplitOnNewlineBytes() {
        assertThatThrownBy(() -> connector.start(Map.of("topic", "t", "file", "/a", "encoding", "UTF-16")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("configuration encoding");
        assertThatThrownBy(() -> connector.start(Map.of("topic", "t", "file", "/a", "encoding", "no-such")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("not a character set");
    }

    @Test
    void shouldReportTheFileSelectionConflictOnTheFileKeyWhenValidating() {
        List<ConfigValue> values = connector.validate(Map.of("topic", "t")).configValues();

        assertThat(values).filteredOn(value -> value.name().equals("file")).singleElement()
            .satisfies(value -> assertThat(value.errorMessages()).singleElement().asString()
                .contains("set 'file' (one path) or 'files' (a glob)"));
        assertThat(values).filteredOn(value -> !value.name().equals("file"))
            .allSatisfy(value -> assertThat(value.errorMessages()).isEmpty());
    }

    @Test
    void shouldGiveASingleFileOneTaskWhateverTasksMax() {
        connector.start(Map.of("topic", "t", "file", "/var/log/app.log"));

        List<Map<String, String>> configs = connector.taskConfigs(4);

        assertThat(configs).singleElement().satisfies(config -> assertThat(config)
            .containsEntry("task.index", "0").containsEntry("task.count", "1").containsEntry("topic", "t"));
    }

    @Test
    void shouldAcceptOffsetsShapedLikeTheTasksOnesAndRejectOthers() {
        Map<String, String> config = Map.of("topic", "t", "file", "/a");
        Map<Map<String, ?>, Map<String, ?>> good = new HashMap<>();
        good.put(Map.of("filename", "/a"), Map.of("position", 10L, "line", 2));
        good.put(Map.of("filename", "/b"), null);
        assertThat(connector.alterOffsets(config, good)).isTrue();

        assertThatThrownBy(() -> connector.alterOffsets(config,
            Map.of(Map.of("filename", "/a"), Map.of("position", -1L, "line", 0L))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("'position'");
        assertThatThrownBy(() -> connector.alterOffsets(config,
            Map.of(Map.of("file", "/a"), Map.of("position", 1L, "line", 1L))))
            .isInstanceOf(ConnectException.class).hasMessageContaining("\"filename\"");
    }

    @Test
    void shouldReportTheBuildVersion() {
        assertThat(connector.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(new FileSourceTask().version()).isEqualTo(connector.version());
    }
}
