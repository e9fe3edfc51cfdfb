package io.sluice.log.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.config.ConfigException;
import io.sluice.log.storage.LogConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerConfigTest {
    @TempDir
    Path dir;

    @Test
    void onlyLogDirIsRequiredAndEverythingElseHasKafkasDefaults() {
        BrokerConfig config = new BrokerConfig(Map.of("log.dir", dir.toString()));

        assertThat(config.nodeId()).isZero();
        assertThat(config.host()).isEqualTo("localhost");
        assertThat(config.advertisedHost()).isEqualTo("localhost");
        assertThat(config.port()).isEqualTo(9092);
        assertThat(config.socketRequestMaxBytes()).isEqualTo(104_857_600);
        assertThat(config.numIoThreads()).isEqualTo(8);
        assertThat(config.messageMaxBytes()).isEqualTo(1_048_588);
        assertThat(config.offsetsTopicNumPartitions()).isEqualTo(50);
        assertThat(config.groupConfig().initialRebalanceDelayMs).isEqualTo(3000);
        assertThat(config.groupConfig().minSessionTimeoutMs).isEqualTo(6000);
        assertThat(config.groupConfig().maxSessionTimeoutMs).isEqualTo(1_800_000);
        assertThat(config.logDir()).isEqualTo(dir);
        assertThat(config.topicDefaults().values()).isEqualTo(LogConfig.defaults().values());
    }

    @Test
    void aMissingLogDirIsRefusedByName() {
        assertThatThrownBy(() -> new BrokerConfig(Map.of())).isInstanceOf(ConfigException.class)
            .hasMessageContaining("log.dir");
    }

    @Test
    void brokerLevelLogKeysBecomeTheTopicDefaults() {
        BrokerConfig config = new BrokerConfig(Map.of("log.dir", dir.toString(), "log.segment.bytes", "2048",
            "log.retention.ms", "1000", "log.cleanup.policy", "compact", "log.flush.interval.messages", "100",
            "message.max.bytes", "5000", "log.message.timestamp.type", "LogAppendTime"));

        LogConfig defaults = config.topicDefaults();

        assertThat(defaults.segmentBytes).isEqualTo(2048);
        assertThat(defaults.retentionMs).isEqualTo(1000);
        assertThat(defaults.compact).isTrue();
        assertThat(defaults.delete).isFalse();
        assertThat(defaults.flushMessages).isEqualTo(100);
        assertThat(defaults.maxMessageBytes).isEqualTo(5000);
        assertThat(defaults.values()).containsEntry("message.timestamp.type", "LogAppendTime");
    }

    @Test
    void anInvalidTopicDefaultIsReportedUnderItsBrokerName() {
        assertThatThrownBy(() -> new BrokerConfig(Map.of("log.dir", dir.toString(), "log.segment.bytes", "1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("'log.segment.bytes'");
    }

    @Test
    void logManagerKeysPassThrough() {
        BrokerConfig config = new BrokerConfig(Map.of("log.dir", dir.toString(), "log.flush.threads", "5"));

        assertThat(config.logManagerConfig().flushThreads).isEqualTo(5);
    }

    @Test
    void aServerPropertiesFileIsParsedAndAnUnknownKeyIsRefusedByNameAndFile() throws IOException {
        Path good = Files.writeString(dir.resolve("server.properties"), String.join("\n",
            "# a comment", "node.id=3", "port=0", "advertised.host=broker-3.example", "log.dir=" + dir,
            "auto.create.topics.enable=false"), StandardCharsets.UTF_8);
        Path bad = Files.writeString(dir.resolve("kafka.properties"),
            "log.dir=" + dir + "\nlisteners=PLAINTEXT://:9092\n", StandardCharsets.UTF_8);

        BrokerConfig config = BrokerConfig.fromProperties(good);

        assertThat(config.nodeId()).isEqualTo(3);
        assertThat(config.port()).isZero();
        assertThat(config.advertisedHost()).isEqualTo("broker-3.example");
        assertThat(config.autoCreateTopicsEnable()).isFalse();
        assertThatThrownBy(() -> BrokerConfig.fromProperties(bad)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("'listeners'").hasMessageContaining("kafka.properties");
    }

    @Test
    void crossFieldChecksNameBothValues() {
        assertThatThrownBy(() -> new BrokerConfig(Map.of("log.dir", dir.toString(),
            "group.min.session.timeout.ms", "9000", "group.max.session.timeout.ms", "8000")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("9000").hasMessageContaining("8000");
    }

    @Test
    void theReferenceDefinitionDocumentsBrokerAndTopicDefaultKeysButNotLogManagerKeysTwice() {
        assertThat(BrokerConfig.DEFINITION.contains("log.retention.ms")).isTrue();
        assertThat(BrokerConfig.DEFINITION.contains("socket.request.max.bytes")).isTrue();
        assertThat(BrokerConfig.DEFINITION.contains("log.dir")).isFalse();
        assertThat(List.of("node.id", "num.partitions", "default.replication.factor"))
            .allSatisfy(name -> assertThat(BrokerConfig.DEFINITION.contains(name)).isTrue());
    }
}
