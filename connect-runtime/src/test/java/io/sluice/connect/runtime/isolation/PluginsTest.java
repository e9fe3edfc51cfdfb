package io.sluice.connect.runtime.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connect.runtime.rest.entities.PluginInfo;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.SimpleHeaderConverter;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.transforms.Cast;
import org.apache.kafka.connect.transforms.predicates.TopicNameMatches;
import org.junit.jupiter.api.Test;

/** Plugins on the worker's class path only (plugin.path empty). */
class PluginsTest {

    private static final String TEST_CONNECTOR = ClassPathTestSourceConnector.class.getName();

    private final Plugins plugins = new Plugins(List.of());

    @Test
    void shouldListClassPathConnectorsFromServiceManifestsWithTheirVersions() {
        // Other packages' tests list their own test connectors in the same manifest.
        assertThat(plugins.plugins(true))
                .allSatisfy(plugin -> assertThat(plugin.type()).isIn("source", "sink"))
                .filteredOn(plugin -> plugin.className().startsWith(Plugins.class.getPackageName() + "."))
                .containsExactly(new PluginInfo(TEST_CONNECTOR, "source", ClassPathTestSourceConnector.VERSION));
    }

    @Test
    void shouldListConvertersTransformationsAndPredicatesOfConnectJsonAndConnectTransforms() {
        List<PluginInfo> all = plugins.plugins(false);

        assertThat(all).contains(
                new PluginInfo(JsonConverter.class.getName(), "converter", "4.3.1"),
                new PluginInfo(JsonConverter.class.getName(), "header_converter", "4.3.1"),
                new PluginInfo(StringConverter.class.getName(), "converter", "4.3.1"),
                new PluginInfo(SimpleHeaderConverter.class.getName(), "header_converter", "4.3.1"),
                new PluginInfo(Cast.Value.class.getName(), "transformation", "4.3.1"),
                new PluginInfo(TopicNameMatches.class.getName(), "predicate", "4.3.1"));
        assertThat(all).extracting(PluginInfo::className).doesNotContain(UnlistedTestConverter.class.getName());
    }

    @Test
    void shouldInstantiateAConnectorByClassNameSimpleNameOrShortAlias() {
        assertThat(plugins.newConnector(TEST_CONNECTOR)).isInstanceOf(ClassPathTestSourceConnector.class);
        assertThat(plugins.newConnector("ClassPathTestSourceConnector")).isInstanceOf(ClassPathTestSourceConnector.class);
        assertThat(plugins.newConnector("ClassPathTestSource")).isInstanceOf(ClassPathTestSourceConnector.class);
    }

    @Test
    void shouldGiveTheWorkersLoaderForAClassPathConnector() {
        assertThat(plugins.connectorLoader("ClassPathTestSource")).isSameAs(Plugins.class.getClassLoader());
    }

    @Test
    void shouldReturnTheConnectorsOwnConfigDef() {
        assertThat(plugins.connectorConfigDef(TEST_CONNECTOR).names())
                .containsExactly(ClassPathTestSourceConnector.GREETING_CONFIG);
    }

    @Test
    void shouldInstantiateComponentsByClassNameOrAlias() {
        ClassLoader loader = plugins.connectorLoader(TEST_CONNECTOR);

        assertThat(plugins.newConverter(JsonConverter.class.getName(), loader)).isInstanceOf(JsonConverter.class);
        assertThat(plugins.newConverter("StringConverter", loader)).isInstanceOf(StringConverter.class);
        assertThat(plugins.newHeaderConverter("SimpleHeaderConverter", loader)).isInstanceOf(SimpleHeaderConverter.class);
        assertThat(plugins.<SourceRecord>newTransformation(Cast.Value.class.getName(), loader))
                .isInstanceOf(Cast.Value.class);
        assertThat(plugins.<SinkRecord>newPredicate("TopicNameMatches", loader)).isInstanceOf(TopicNameMatches.class);
    }

    @Test
    void shouldAcceptAClassPathClassWithoutManifestByItsFullName() {
        assertThat(plugins.newConverter(UnlistedTestConverter.class.getName(), null))
                .isInstanceOf(UnlistedTestConverter.class);
    }

    @Test
    void shouldNameTheMissingConnectorAndSuggestSimilarOnes() {
        assertThatThrownBy(() -> plugins.newConnector("ClassPathTestSourceConector"))
                .isInstanceOf(PluginNotFoundException.class)
                .hasMessage("Connector class 'ClassPathTestSourceConector' was not found on the class path nor on "
                        + "plugin.path; similar plugins: " + TEST_CONNECTOR)
                .extracting(e -> ((PluginNotFoundException) e).requested()).isEqualTo("ClassPathTestSourceConector");
    }

    @Test
    void shouldNameAMissingConverterWithoutSuggestionsWhenNothingIsClose() {
        assertThatThrownBy(() -> plugins.newConverter("com.example.NoSuchThing", null))
                .isInstanceOf(PluginNotFoundException.class)
                .hasMessage("Converter class 'com.example.NoSuchThing' was not found on the class path nor on plugin.path");
    }

    @Test
    void shouldRefuseAClassOfTheWrongKind() {
        assertThatThrownBy(() -> plugins.newConverter(Cast.Value.class.getName(), null))
                .isInstanceOf(ConnectException.class)
                .hasMessageStartingWith("Class '" + Cast.Value.class.getName() + "' is not a Converter");
    }

    @Test
    void shouldSwapTheContextLoaderAndReturnThePreviousOne() {
        ClassLoader original = Thread.currentThread().getContextClassLoader();
        ClassLoader other = new ClassLoader(null) { };

        ClassLoader previous = Plugins.swapLoader(other);
        try {
            assertThat(previous).isSameAs(original);
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(other);
        } finally {
            Plugins.swapLoader(previous);
        }
        assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(original);
    }
}
