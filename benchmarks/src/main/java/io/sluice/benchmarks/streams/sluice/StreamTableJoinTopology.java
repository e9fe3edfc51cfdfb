package io.sluice.benchmarks.streams.sluice;

import io.sluice.benchmarks.streams.StoreType;
import io.sluice.streams.StreamsBuilder;
import io.sluice.streams.Topology;
import io.sluice.streams.kstream.Consumed;
import io.sluice.streams.kstream.Joined;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.Produced;
import io.sluice.streams.state.BuiltInDslStoreSuppliers;
import io.sluice.streams.state.DslStoreSuppliers;
import io.sluice.streams.state.KeyValueStore;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

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
