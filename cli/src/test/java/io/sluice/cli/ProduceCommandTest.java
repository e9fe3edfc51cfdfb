package io.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class ProduceCommandTest {
    @Test
    void aLineWithATabIsKeyAndValueSplitAtTheFirstTab() {
        ProducerRecord<String, String> record = ProduceCommand.record("t", "k1\tv\twith tab");

        assertThat(record.key()).isEqualTo("k1");
        assertThat(record.value()).isEqualTo("v\twith tab");
    }

    @Test
    void aLineWithoutATabIsAValueWithANullKey() {
        ProducerRecord<String, String> record = ProduceCommand.record("t", "just a value");

        assertThat(record.key()).isNull();
        assertThat(record.value()).isEqualTo("just a value");
    }
}
