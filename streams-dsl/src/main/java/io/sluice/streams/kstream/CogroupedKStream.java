package io.sluice.streams.kstream;

import io.sluice.streams.state.KeyValueStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * Several grouped streams with the same key type aggregated into one table: each input folds its records into
 * the shared aggregate with its own aggregator, so there is one store and one output instead of one aggregation
 * per input and a chain of joins. Inputs whose key changed are repartitioned first, each through its own topic.
 *
 * @param <K>    key type
 * @param <VOut> aggregate type
 */
public interface CogroupedKStream<K, VOut> {
    /** Adds another grouped stream, folded in with {@code aggregator}. A stream may be added only once. */
    <VIn> CogroupedKStream<K, VOut> cogroup(KGroupedStream<K, VIn> groupedStream,
                                            Aggregator<? super K, ? super VIn, VOut> aggregator);

    KTable<K, VOut> aggregate(Initializer<VOut> initializer);

    KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named);

    KTable<K, VOut> aggregate(Initializer<VOut> initializer,
                              Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized);

    KTable<K, VOut> aggregate(Initializer<VOut> initializer, Named named,
                              Materialized<K, VOut, KeyValueStore<Bytes, byte[]>> materialized);

    /** Aggregates per time window (tumbling, hopping). */
    <W extends Window> TimeWindowedCogroupedKStream<K, VOut> windowedBy(Windows<W> windows);

    TimeWindowedCogroupedKStream<K, VOut> windowedBy(SlidingWindows windows);

    SessionWindowedCogroupedKStream<K, VOut> windowedBy(SessionWindows windows);
}
