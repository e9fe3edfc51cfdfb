package io.sluice.streams.kstream;

import io.sluice.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * A cogrouped stream cut into time windows (tumbling, hopping or sliding): windows, grace and late records as in
 * {@link TimeWindowedKStream}, with every input folding into the same windowed aggregate.
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
public interface TimeWindowedCogroupedKStream<K, V> {
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer,
                                     Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Named named,
                                     Materialized<K, V, WindowStore<Bytes, byte[]>> materialized);
}
