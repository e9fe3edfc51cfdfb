package io.sluice.streams.kstream;

import io.sluice.streams.state.SessionStore;
import org.apache.kafka.common.utils.Bytes;

/**
 * A cogrouped stream cut into sessions: sessions, merging, grace and late records as in
 * {@link SessionWindowedKStream}, with every input folding into the same session aggregate.
 *
 * @param <K> key type
 * @param <V> aggregate type
 */
public interface SessionWindowedCogroupedKStream<K, V> {
    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger,
                                     Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);

    KTable<Windowed<K>, V> aggregate(Initializer<V> initializer, Merger<? super K, V> sessionMerger, Named named,
                                     Materialized<K, V, SessionStore<Bytes, byte[]>> materialized);
}
