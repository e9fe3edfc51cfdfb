package io.sluice.connect.runtime.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.runtime.rest.entities.PluginInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceConnector;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.storage.Converter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two plugins under one {@code plugin.path}, compiled at test time, each bundling a different version of the same
 * library class {@code com.example.lib.Version}: each must see its own, while both share the worker's Connect API.
 * Plugin "alpha" is a directory (connector jar + library jar, found through its ServiceLoader manifest); plugin
 * "beta" is a single jar with the library inside (found by scanning its classes: it has no manifest) and its own
 * class named like connect-json's {@code JsonConverter}, which it must get instead of the worker's. A corrupt jar
 * and an empty directory sit next to them and must not stop the scan.
 */
class PluginIsolationTest {

    private static final String ALPHA = "com.example.alpha.AlphaSourceConnector";
    private static final String BETA = "com.example.beta.BetaSourceConnector";
    private static final String BETA_CONVERTER = "com.example.beta.BetaConverter";
    private static final String VERSION_CLASS = "com.example.lib.Version";

    @TempDir
    static Path pluginPath;

    private static Plugins plugins;

    @BeforeAll
    static void buildPlugins() throws IOException {
        Path work = Files.createTempDirectory("plugin-build");
        Path alphaLib = new PluginJarBuilder().source(VERSION_CLASS, versionLibrary("1"))
                .build(pluginPath.resolve("alpha/lib/version-lib-1.jar"));
        new PluginJarBuilder().compileAgainst(alphaLib)
                .source(ALPHA, connector("com.example.alpha", "AlphaSourceConnector", "1.0-alpha"))
                .service(SourceConnector.class, ALPHA)
                .build(pluginPath.resolve("alpha/alpha-connector.jar"));
        new PluginJarBuilder().implementationVersion("2.0.0")
                .source(VERSION_CLASS, versionLibrary("2"))
                .source(BETA, connector("com.example.beta", "BetaSourceConnector", "2.0-beta"))
                .source(BETA_CONVERTER, converter("com.example.beta", "BetaConverter", "null"))
                .source(JsonConverter.class.getName(),
                        converter("org.apache.kafka.connect.json", "JsonConverter", "\"0.1-bundled\""))
                .build(work.resolve("beta.jar"));
        Files.copy(work.resolve("beta.jar"), pluginPath.resolve("beta.jar"));
        Files.write(pluginPath.resolve("broken.jar"), "not a zip file".getBytes(StandardCharsets.UTF_8));
        Files.createDirectory(pluginPath.resolve("empty"));

        plugins = new Plugins(List.of(pluginPath));
    }

    @Test
    void shouldFindConnectorsThroughManifestsAndThroughClassScanningWithTheirVersions() {
        assertThat(plugins.plugins(true)).contains(
                new PluginInfo(ALPHA, "source", "1.0-alpha"),
                new PluginInfo(BETA, "source", "2.0-beta"));
    }

    @Test
    void shouldTakeTheVersionFromTheJarManifestWhenThePluginGivesNone() {
        assertThat(plugins.plugins(false)).contains(new PluginInfo(BETA_CONVERTER, "converter", "2.0.0"));
    }

    @Test
    void shouldRunEachPluginsTaskAgainstItsOwnVersionOfTheSharedLibrary() throws Exception {
        assertThat(versionEmittedByTaskOf(ALPHA)).isEqualTo("1");
        assertThat(versionEmittedByTaskOf(BETA)).isEqualTo("2");
    }

    @Test
    void shouldGiveEachPluginItsOwnLoaderAndItsOwnCopyOfTheLibraryClass() throws Exception {
        ClassLoader alpha = plugins.connectorLoader(ALPHA);
        ClassLoader beta = plugins.connectorLoader("BetaSource");

        assertThat(alpha).isInstanceOf(PluginClassLoader.class).isNotSameAs(beta);
        assertThat(beta).isInstanceOf(PluginClassLoader.class);
        Class<?> alphaVersion = alpha.loadClass(VERSION_CLASS);
        Class<?> betaVersion = beta.loadClass(VERSION_CLASS);
        assertThat(alphaVersion).isNotSameAs(betaVersion);
        assertThat(alphaVersion.getClassLoader()).isSameAs(alpha);
        assertThat(betaVersion.getClassLoader()).isSameAs(beta);
    }

    @Test
    void shouldShareTheConnectApiAndKafkaClientsClassesWithTheWorker() throws Exception {
        ClassLoader alpha = plugins.connectorLoader(ALPHA);
        ClassLoader beta = plugins.connectorLoader(BETA);

        for (Class<?> shared : List.of(SourceConnector.class, SourceRecord.class, Converter.class,
                org.apache.kafka.common.config.ConfigDef.class, org.slf4j.Logger.class)) {
            assertThat(alpha.loadClass(shared.getName())).isSameAs(shared);
            assertThat(beta.loadClass(shared.getName())).isSameAs(shared);
        }
        assertThat(plugins.newConnector(ALPHA)).isInstanceOf(SourceConnector.class);
    }

    @Test
    void shouldResolveAComponentFromAnotherPluginWhenTheConnectorDoesNotBundleIt() {
        Converter converter = plugins.newConverter(BETA_CONVERTER, plugins.connectorLoader(ALPHA));

        assertThat(converter.getClass().getClassLoader()).isSameAs(plugins.connectorLoader(BETA));
    }

    @Test
    void shouldLoadAClassThePluginBundlesFromThePluginEvenWhenTheWorkerHasItToo() throws Exception {
        ClassLoader beta = plugins.connectorLoader(BETA);

        Class<?> bundled = beta.loadClass(JsonConverter.class.getName());

        assertThat(bundled).isNotSameAs(JsonConverter.class);
        assertThat(bundled.getClassLoader()).isSameAs(beta);
        assertThat(plugins.newConverter(JsonConverter.class.getName(), beta).getClass().getClassLoader()).isSameAs(beta);
        assertThat(plugins.newConverter(JsonConverter.class.getName(), plugins.connectorLoader(ALPHA)))
                .isInstanceOf(JsonConverter.class);
    }

    @Test
    void shouldListTheHighestVersionWhenTwoLocationsHaveTheSameClass() {
        assertThat(plugins.plugins(false)).contains(new PluginInfo(JsonConverter.class.getName(), "converter", "4.3.1"))
                .doesNotContain(new PluginInfo(JsonConverter.class.getName(), "converter", "0.1-bundled"));
    }

    @Test
    void shouldSuggestPluginPathConnectorsForAMisspelledName() {
        assertThatThrownBy(() -> plugins.newConnector("AlphaSourceConector"))
                .isInstanceOf(PluginNotFoundException.class)
                .hasMessageEndingWith("similar plugins: " + ALPHA);
    }

    private static String versionEmittedByTaskOf(String connectorClass) throws Exception {
        Connector connector = plugins.newConnector(connectorClass);
        ClassLoader previous = Plugins.swapLoader(plugins.connectorLoader(connectorClass));
        try {
            SourceTask task = (SourceTask) connector.taskClass().getConstructor().newInstance();
            task.start(Map.of());
            List<SourceRecord> records = task.poll();
            task.stop();
            assertThat(records).hasSize(1);
            return (String) records.get(0).value();
        } finally {
            Plugins.swapLoader(previous);
        }
    }

    private static String versionLibrary(String version) {
        return """
                package com.example.lib;
                public final class Version {
                    public static String get() { return "%s"; }
                }
                """.formatted(version);
    }

    private static String connector(String pkg, String name, String version) {
        return """
                package %1$s;
                import java.util.*;
                import org.apache.kafka.common.config.ConfigDef;
                import org.apache.kafka.connect.connector.Task;
                import org.apache.kafka.connect.data.Schema;
                import org.apache.kafka.connect.source.*;
                public class %2$s extends SourceConnector {
                    public void start(Map<String, String> props) { }
                    public Class<? extends Task> taskClass() { return VersionTask.class; }
                    public List<Map<String, String>> taskConfigs(int maxTasks) { return List.of(Map.of()); }
                    public void stop() { }
                    public ConfigDef config() { return new ConfigDef(); }
                    public String version() { return "%3$s"; }
                    public static class VersionTask extends SourceTask {
                        public String version() { return "%3$s"; }
                        public void start(Map<String, String> props) { }
                        public List<SourceRecord> poll() {
                            return List.of(new SourceRecord(null, null, "versions", Schema.STRING_SCHEMA,
                                    com.example.lib.Version.get()));
                        }
                        public void stop() { }
                    }
                }
                """.formatted(pkg, name, version);
    }

    private static String converter(String pkg, String name, String versionExpression) {
        return """
                package %1$s;
                import java.util.Map;
                import org.apache.kafka.common.config.ConfigDef;
                import org.apache.kafka.connect.data.*;
                import org.apache.kafka.connect.storage.Converter;
                public class %2$s implements Converter {
                    public void configure(Map<String, ?> configs, boolean isKey) { }
                    public byte[] fromConnectData(String topic, Schema schema, Object value) { return new byte[0]; }
                    public SchemaAndValue toConnectData(String topic, byte[] value) { return SchemaAndValue.NULL; }
                    public ConfigDef config() { return new ConfigDef(); }
                    public String version() { return %3$s; }
                }
                """.formatted(pkg, name, versionExpression);
    }
}
