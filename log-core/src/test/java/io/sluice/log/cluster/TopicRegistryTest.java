package io.sluice.log.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.config.ConfigException;
import io.sluice.log.errors.InvalidPartitionsException;
import io.sluice.log.errors.InvalidTopicException;
import io.sluice.log.errors.TopicExistsException;
import io.sluice.log.errors.UnknownTopicOrPartitionException;
import io.sluice.log.storage.LogManager;
import io.sluice.log.storage.LogManagerConfig;
import io.sluice.log.util.MockTime;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopicRegistryTest {
    @TempDir
    Path dataDir;
    LogManager logs;

    private TopicRegistry open() {
        logs = new LogManager(LogManagerConfig.forDir(dataDir), new MockTime(), topic -> TopicRegistry.METADATA_LOG_CONFIG);
        return TopicRegistry.load(logs.getOrCreateLog(TopicRegistry.METADATA_PARTITION), Map.of("retention.ms", 1000L));
    }

    private TopicRegistry reopen() {
        logs.close();
        return open();
    }

    @AfterEach
    void tearDown() {
        logs.close();
    }

    @Test
    void topicsTheirIdsAndConfigsSurviveARestart() {
        TopicRegistry registry = open();
        TopicMetadata orders = registry.create("orders", 6, Map.of("cleanup.policy", "compact"));
        registry.create("doomed", 1, Map.of());
        registry.delete("doomed");
        registry.createPartitions("orders", 8, false);
        registry.alterConfigs("orders", Map.of("retention.ms", "5000"), false);

        TopicRegistry reopened = reopen();

        TopicMetadata loaded = reopened.topic("orders").orElseThrow();
        assertThat(loaded.topicId()).isEqualTo(orders.topicId());
        assertThat(loaded.partitionCount()).isEqualTo(8);
        assertThat(loaded.configOverrides()).containsEntry("cleanup.policy", "compact").containsEntry("retention.ms", "5000");
        assertThat(reopened.topic(orders.topicId())).contains(loaded);
        assertThat(reopened.topic("doomed")).isEmpty();
        assertThat(reopened.logConfig("orders").compact).isTrue();
        assertThat(reopened.logConfig("orders").retentionMs).isEqualTo(5000);
    }

    @Test
    void brokerDefaultsApplyWhereATopicHasNoOverride() {
        TopicRegistry registry = open();
        registry.create("events", 1, Map.of());

        assertThat(registry.logConfig("events").retentionMs).isEqualTo(1000);
    }

    @Test
    void removingAnOverrideFallsBackToTheDefault() {
        TopicRegistry registry = open();
        registry.create("events", 1, Map.of("retention.ms", "9"));
        Map<String, String> removal = new HashMap<>();
        removal.put("retention.ms", null);

        registry.alterConfigs("events", removal, false);

        assertThat(registry.logConfig("events").retentionMs).isEqualTo(1000);
    }

    @Test
    void refusesIllegalNamesDuplicatesBadCountsAndBadConfigs() {
        TopicRegistry registry = open();
        registry.create("taken", 1, Map.of());

        assertThatThrownBy(() -> registry.create("bad name!", 1, Map.of())).isInstanceOf(InvalidTopicException.class)
            .hasMessageContaining("bad name!");
        assertThatThrownBy(() -> registry.create("x".repeat(250), 1, Map.of())).isInstanceOf(InvalidTopicException.class);
        assertThatThrownBy(() -> registry.create("taken", 1, Map.of())).isInstanceOf(TopicExistsException.class);
        assertThatThrownBy(() -> registry.create("zero", 0, Map.of())).isInstanceOf(InvalidPartitionsException.class);
        assertThatThrownBy(() -> registry.create("conf", 1, Map.of("retention.ms", "soon")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("retention.ms");
        assertThatThrownBy(() -> registry.createPartitions("taken", 1, false)).isInstanceOf(InvalidPartitionsException.class);
        assertThatThrownBy(() -> registry.delete("missing")).isInstanceOf(UnknownTopicOrPartitionException.class);
        assertThat(registry.topics()).extracting(TopicMetadata::name).containsExactly("taken");
    }

    @Test
    void validateOnlyChangesNothing() {
        TopicRegistry registry = open();
        registry.create("events", 1, Map.of());

        registry.validateCreate("other", 3, Map.of());
        registry.createPartitions("events", 5, true);
        registry.alterConfigs("events", Map.of("retention.ms", "7"), true);

        assertThat(registry.topic("other")).isEmpty();
        assertThat(registry.topic("events").orElseThrow().partitionCount()).isEqualTo(1);
        assertThat(reopen().topic("events").orElseThrow().configOverrides()).isEmpty();
    }
}
