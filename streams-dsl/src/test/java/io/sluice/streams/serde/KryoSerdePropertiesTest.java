package io.sluice.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KryoSerdePropertiesTest {

    enum Colour { RED, GREEN, BLUE }

    record Node(String name, long weight, Colour colour, List<Node> children, Map<String, Set<Integer>> attributes) {
    }

    private final KryoSerde<Node> serde = new KryoSerde<>(Node.class);

    @Property(tries = 300)
    void randomNestedStructuresRoundTrip(@ForAll("trees") Node tree) {
        byte[] bytes = serde.serializer().serialize("trees", tree);

        assertThat(serde.deserializer().deserialize("trees", bytes)).isEqualTo(tree);
    }

    @Provide
    Arbitrary<Node> trees() {
        return Arbitraries.lazyOf(this::leaf, this::leaf, this::branch);
    }

    private Arbitrary<Node> leaf() {
        return node(Arbitraries.just(List.of()));
    }

    private Arbitrary<Node> branch() {
        Arbitrary<List<Node>> children = Arbitraries.lazy(this::trees).list().ofMaxSize(3)
                // Immutable and mutable lists both occur in real values.
                .map(list -> list.size() % 2 == 0 ? List.copyOf(list) : list);
        return node(children);
    }

    private Arbitrary<Node> node(Arbitrary<List<Node>> children) {
        Arbitrary<String> names = Arbitraries.strings().ofMaxLength(12).injectNull(0.1);
        Arbitrary<Map<String, Set<Integer>>> attributes = Arbitraries.maps(
                Arbitraries.strings().alpha().ofMaxLength(5),
                Arbitraries.integers().set().ofMaxSize(3)).ofMaxSize(3);
        return Combinators.combine(names, Arbitraries.longs(), Arbitraries.of(Colour.class).injectNull(0.1), children, attributes)
                .as(Node::new);
    }
}
