package io.sluice.streams;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.log.config.ConfigException;
import java.nio.file.Path;
import java.util.Properties;
import io.sluice.streams.kstream.Consumed;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link StreamsApp}'s constructor refuses, before anything starts. */
class StreamsAppConfigTest {
    @TempDir
    Path stateDir;

    @Test
    void exactlyOnceV2IsRefusedAtConstructionNamingTheSupportedGuarantee() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in", Consumed.with(Serdes.String(), Serdes.String())).to("out");

        assertThatThrownBy(() -> new StreamsApp(builder.build(), props)).isInstanceOf(ConfigException.class)
            .hasMessageContaining("processing.guarantee").hasMessageContaining("exactly_once_v2")
            .hasMessageContaining("transactions").hasMessageContaining("at_least_once");
    }
}
