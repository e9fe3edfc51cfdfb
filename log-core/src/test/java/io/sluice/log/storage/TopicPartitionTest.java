package io.sluice.log.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TopicPartitionTest {

    @Test
    void dirNameJoinsTopicAndPartitionWithADash() {
        assertThat(new TopicPartition("orders", 3).dirName()).isEqualTo("orders-3");
    }

    @Test
    void fromDirNameSplitsAtTheLastDashSoTopicsMayContainDashes() {
        assertThat(TopicPartition.fromDirName("my-topic-12")).isEqualTo(new TopicPartition("my-topic", 12));
    }

    @Test
    void fromDirNameInvertsDirNameEvenForATopicEndingInADash() {
        TopicPartition partition = new TopicPartition("a-b.c_d-", 0);

        assertThat(TopicPartition.fromDirName(partition.dirName())).isEqualTo(partition);
    }

    @ParameterizedTest
    @ValueSource(strings = {"orders", "-3", "orders-", "orders-x", "orders-+3", "orders-99999999999"})
    void fromDirNameRejectsNamesThatAreNotTopicDashPartition(String dirName) {
        assertThatThrownBy(() -> TopicPartition.fromDirName(dirName))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'" + dirName + "'");
    }

    @Test
    void constructorRejectsAnEmptyTopicAndANegativePartition() {
        assertThatThrownBy(() -> new TopicPartition("", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TopicPartition("orders", -1))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
    }
}
