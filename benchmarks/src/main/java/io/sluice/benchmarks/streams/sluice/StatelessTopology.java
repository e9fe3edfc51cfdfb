package io.sluice.benchmarks.streams.sluice;

import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.Topology;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Produced;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Stateless: clicks (user, page) → {@code filter} out {@code /static/} pages (10% of the clicks) →
 * {@code mapValues} to upper case → output. No store, so no store type. Porting convention: see
 * {@link WordCountTopology}.
 */
public final class StatelessTopology {
    public static final String INPUT = "clicks";
    public static final String OUTPUT = "page-views";

    private StatelessTopology() {
    }

    public static Topology build() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(INPUT, Consumed.with(Serdes.String(), Serdes.String()))
            .filter((user, page) -> !page.startsWith("/static/"))
            .mapValues(page -> page.toUpperCase(Locale.ROOT))
            .to(OUTPUT, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }
}
