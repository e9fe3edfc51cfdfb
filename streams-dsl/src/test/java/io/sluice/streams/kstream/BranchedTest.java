package io.sluice.streams.kstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.streams.errors.TopologyException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BranchedTest {
    @Test
    void aFunctionBranchKeepsItsFunctionAndName() {
        Function<KStream<String, Long>, KStream<String, Long>> chain = stream -> stream;

        Branched<String, Long> branched = Branched.withFunction(chain, "big");

        assertThat(branched.name()).isEqualTo("big");
        assertThat(branched.chainFunction()).isSameAs(chain);
        assertThat(branched.chainConsumer()).isNull();
    }

    @Test
    void aConsumerBranchKeepsItsConsumerAndCanBeRenamed() {
        Consumer<KStream<String, Long>> sink = stream -> { };

        Branched<String, Long> branched = Branched.withConsumer(sink).withName("small");

        assertThat(branched.chainConsumer()).isSameAs(sink);
        assertThat(branched.chainFunction()).isNull();
        assertThat(branched.name()).isEqualTo("small");
        assertThat(Branched.<String, Long>withConsumer(sink).name()).isNull();
    }

    @Test
    void branchNamesAreValidated() {
        assertThat(Branched.as("b-1").name()).isEqualTo("b-1");
        assertThatThrownBy(() -> Branched.as("b 1")).isInstanceOf(TopologyException.class);
    }
}
