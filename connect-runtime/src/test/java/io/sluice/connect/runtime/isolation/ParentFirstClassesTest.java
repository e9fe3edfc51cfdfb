package io.sluice.connect.runtime.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParentFirstClassesTest {

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.String", "javax.net.ssl.SSLContext", "org.slf4j.Logger",
        "org.apache.kafka.common.config.ConfigDef", "org.apache.kafka.clients.producer.ProducerRecord",
        "org.apache.kafka.connect.source.SourceRecord", "org.apache.kafka.connect.sink.SinkTask",
        "org.apache.kafka.connect.data.Schema$Type", "org.apache.kafka.connect.connector.policy.ConnectorClientConfigRequest",
        "org.apache.kafka.connect.storage.StringConverter", "org.apache.kafka.connect.components.Versioned",
        "org.apache.kafka.connect.transforms.Transformation", "org.apache.kafka.connect.transforms.predicates.Predicate"})
    void shouldShareTheJdkTheConnectApiKafkaClientsAndSlf4jWithTheWorker(String className) {
        assertThat(ParentFirstClasses.isParentFirst(className)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"com.example.lib.Version", "org.apache.kafka.connect.json.JsonConverter",
        "org.apache.kafka.connect.transforms.Cast$Value", "org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
        "org.apache.kafka.connect.transforms.TransformationChain", "org.apache.kafka.connect.file.FileStreamSourceConnector",
        "org.apache.kafka.connect.sourcery.Thing", "com.fasterxml.jackson.databind.ObjectMapper", "javafoo.Bar"})
    void shouldLoadPluginImplementationsAndBundledLibrariesFromThePluginFirst(String className) {
        assertThat(ParentFirstClasses.isParentFirst(className)).isFalse();
    }
}
