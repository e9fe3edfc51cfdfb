package io.sluice.log.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.storage.LogConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigKeyTest {
    @Test
    void absentKeysTakeTheirDefaults() {
        LogConfig config = new LogConfig(Map.of());

        assertThat(config.segmentBytes).isEqualTo(1 << 30);
        assertThat(config.flushMessages).isEqualTo(1L);
        assertThat(config.durableAppends()).isTrue();
        assertThat(config.delete).isTrue();
        assertThat(config.compact).isFalse();
    }

    @Test
    void stringValuesAreParsedToTheirDeclaredTypes() {
        LogConfig config = new LogConfig(Map.of("segment.bytes", "4096", "cleanup.policy", "compact, delete",
            "min.cleanable.dirty.ratio", "0.25"));

        assertThat(config.segmentBytes).isEqualTo(4096);
        assertThat(config.compact).isTrue();
        assertThat(config.delete).isTrue();
        assertThat(config.minCleanableDirtyRatio).isEqualTo(0.25);
    }

    @Test
    void rejectsAValueBelowTheMinimumNamingKeyAndValue() {
        assertThatThrownBy(() -> new LogConfig(Map.of("segment.bytes", "10")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("segment.bytes").hasMessageContaining("'10'").hasMessageContaining("at least 61");
    }

    @Test
    void rejectsAnUnparsableValue() {
        assertThatThrownBy(() -> new LogConfig(Map.of("retention.ms", "a week")))
            .isInstanceOf(ConfigException.class)
            .hasMessageContaining("retention.ms").hasMessageContaining("long");
    }

    @Test
    void rejectsAnUnknownKeyByName() {
        assertThatThrownBy(() -> new LogConfig(Map.of("retention.msec", "1")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("Unknown configuration 'retention.msec'");
    }

    @Test
    void rejectsAnUnknownCleanupPolicy() {
        assertThatThrownBy(() -> new LogConfig(Map.of("cleanup.policy", List.of("compact", "shred"))))
            .isInstanceOf(ConfigException.class).hasMessageContaining("shred");
    }

    @Test
    void rejectsAnUnknownTimestampType() {
        assertThatThrownBy(() -> new LogConfig(Map.of("message.timestamp.type", "WallClock")))
            .isInstanceOf(ConfigException.class).hasMessageContaining("CreateTime");
    }

    @Test
    void aKeyDeclaredTwiceIsAProgrammingError() {
        ConfigKey<Long> key = ConfigKey.longKey("x").defaultValue(1L);
        assertThatThrownBy(() -> new ConfigDef("test", List.of(key, key)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declared twice");
    }
}
