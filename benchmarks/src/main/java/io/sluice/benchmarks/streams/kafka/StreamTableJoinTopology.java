package io.sluice.benchmarks.streams.kafka;

import io.sluice.benchmarks.streams.StoreType;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.BuiltInDslStoreSuppliers;
import org.apache.kafka.streams.state.DslStoreSuppliers;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Stream-table join enrichment: {@code table(users)} (user → region) materialized in a key-value store of the
 * given type; clicks (user, page) {@code join} the table → output (user, {@code region|page}). Clicks of users
 * missing from the table are dropped (inner join); the benchmark loads every user first. Porting convention: see
 * {@link WordCountTopology}.
 */
public final class StreamTableJoinTopology {
    public static final String USERS = "users";
    public static final String CLICKS = "clicks";
    public static final String OUTPUT = "enriched-clicks";
    public static final String STORE = "users-store";

    private StreamTableJoinTopology() {
    }

    public static Topology build(StoreType storeType) {
        StreamsBuilder builder = new StreamsBuilder();
        KTable<String, String> users = builder.table(USERS, Consumed.with(Serdes.String(), Serdes.String()),
            Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(Serdes.String())
                .withStoreType(storeSuppliers(storeType)));
        builder.stream(CLICKS, Consumed.with(Serdes.String(), Serdes.String()))
            .join(users, (page, region) -> region + '|' + page,
                Joined.with(Serdes.String(), Serdes.String(), Serdes.String()))
            .to(OUTPUT, Produced.with(Serdes.String(), Serdes.String()));
        return builder.build();
    }

    private static DslStoreSuppliers storeSuppliers(StoreType storeType) {
        return storeType == StoreType.ROCKSDB ? BuiltInDslStoreSuppliers.ROCKS_DB : BuiltInDslStoreSuppliers.IN_MEMORY;
    }
}
