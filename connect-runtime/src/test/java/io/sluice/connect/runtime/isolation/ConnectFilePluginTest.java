package io.sluice.connect.runtime.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.runtime.rest.entities.PluginInfo;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.source.SourceConnector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Apache Kafka's own connect-file 4.3.1 jar, copied by the build into {@code target/plugins/connect-file}, found on
 * {@code plugin.path} like any third-party plugin.
 */
class ConnectFilePluginTest {

    /** The plugin.path entry the build lays out (maven-dependency-plugin, generate-test-resources). */
    static final Path PLUGIN_PATH = Path.of("target", "plugins");

    private static final String SOURCE = "org.apache.kafka.connect.file.FileStreamSourceConnector";
    private static final String SINK = "org.apache.kafka.connect.file.FileStreamSinkConnector";

    private static Plugins plugins;

    @BeforeAll
    static void scan() {
        assertThat(PLUGIN_PATH.resolve("connect-file/connect-file-4.3.1.jar"))
                .as("copied by the Maven build; run this test through Maven").isRegularFile();
        plugins = new Plugins(List.of(PLUGIN_PATH));
    }

    @Test
    void shouldFindKafkasFileStreamConnectorsWithTheirVersion() {
        assertThat(plugins.plugins(true)).contains(
                new PluginInfo(SOURCE, "source", "4.3.1"),
                new PluginInfo(SINK, "sink", "4.3.1"));
    }

    @Test
    void shouldLoadThemInTheirOwnPluginLoaderByTheirStandardAliases() {
        ClassLoader loader = plugins.connectorLoader("FileStreamSource");

        assertThat(loader).isInstanceOf(PluginClassLoader.class);
        assertThat(((PluginClassLoader) loader).location()).endsWith(Path.of("plugins", "connect-file").toString());
        assertThat(plugins.connectorLoader("FileStreamSink")).isSameAs(loader);
        assertThat(plugins.newConnector("FileStreamSource")).isInstanceOf(SourceConnector.class);
        assertThat(plugins.newConnector("FileStreamSinkConnector")).isInstanceOf(SinkConnector.class);
    }

    @Test
    void shouldSuggestTheConnectorForAMisspelledShortAlias() {
        assertThatThrownBy(() -> plugins.newConnector("FileStreamSorce"))
                .isInstanceOf(PluginNotFoundException.class)
                .hasMessage("Connector class 'FileStreamSorce' was not found on the class path nor on plugin.path; "
                        + "similar plugins: " + SOURCE);
    }

    @Test
    void shouldExposeTheirConfigDefinitions() {
        assertThat(plugins.connectorConfigDef(SOURCE).names()).contains("file", "topic", "batch.size");
        assertThat(plugins.connectorConfigDef(SINK).names()).contains("file");
    }
}
