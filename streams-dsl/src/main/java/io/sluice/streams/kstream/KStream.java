package io.sluice.streams.kstream;

import io.sluice.streams.KeyValue;
import io.sluice.streams.processor.TopicNameExtractor;
import io.sluice.streams.processor.api.FixedKeyProcessorSupplier;
import io.sluice.streams.processor.api.ProcessorSupplier;

/**
 * An unbounded stream of independent key-value records. Operators return new streams; a key-changing operator
 * (map, flatMap, selectKey, process) marks the stream for repartitioning before the next grouping or join, so
 * records with one key meet in one task.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface KStream<K, V> {
    KStream<K, V> filter(Predicate<? super K, ? super V> predicate);

    KStream<K, V> filter(Predicate<? super K, ? super V> predicate, Named named);

    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate);

    KStream<K, V> filterNot(Predicate<? super K, ? super V> predicate, Named named);

    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper);

    <KR> KStream<KR, V> selectKey(KeyValueMapper<? super K, ? super V, ? extends KR> mapper, Named named);

    <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper);

    <KR, VR> KStream<KR, VR> map(KeyValueMapper<? super K, ? super V, ? extends KeyValue<? extends KR, ? extends VR>> mapper,
                                 Named named);

    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper);

    <VR> KStream<K, VR> mapValues(ValueMapper<? super V, ? extends VR> mapper, Named named);

    <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper);

    <VR> KStream<K, VR> mapValues(ValueMapperWithKey<? super K, ? super V, ? extends VR> mapper, Named named);

    <KR, VR> KStream<KR, VR> flatMap(
        KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper);

    <KR, VR> KStream<KR, VR> flatMap(
        KeyValueMapper<? super K, ? super V, ? extends Iterable<? extends KeyValue<? extends KR, ? extends VR>>> mapper,
        Named named);

    <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper);

    <VR> KStream<K, VR> flatMapValues(ValueMapper<? super V, ? extends Iterable<? extends VR>> mapper, Named named);

    <VR> KStream<K, VR> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper);

    <VR> KStream<K, VR> flatMapValues(ValueMapperWithKey<? super K, ? super V, ? extends Iterable<? extends VR>> mapper,
                                      Named named);

    KStream<K, V> peek(ForeachAction<? super K, ? super V> action);

    KStream<K, V> peek(ForeachAction<? super K, ? super V> action, Named named);

    void foreach(ForeachAction<? super K, ? super V> action);

    void foreach(ForeachAction<? super K, ? super V> action, Named named);

    /** Prints every record, as {@code printed} says, and passes nothing on. */
    void print(Printed<K, V> printed);

    /** Starts splitting this stream into branches; each record goes to the first branch whose predicate it matches. */
    BranchedKStream<K, V> split();

    /** As {@link #split()}, naming the splitter node and prefixing the branch names with {@code named}. */
    BranchedKStream<K, V> split(Named named);

    KStream<K, V> merge(KStream<K, V> stream);

    KStream<K, V> merge(KStream<K, V> stream, Named named);

    /** Writes to an internal repartition topic and reads it back, partitioned by the current key. */
    KStream<K, V> repartition();

    KStream<K, V> repartition(Repartitioned<K, V> repartitioned);

    void to(String topic);

    void to(String topic, Produced<K, V> produced);

    void to(TopicNameExtractor<K, V> topicExtractor);

    void to(TopicNameExtractor<K, V> topicExtractor, Produced<K, V> produced);

    KTable<K, V> toTable();

    KTable<K, V> toTable(Named named);

    KTable<K, V> toTable(Materialized<K, V, io.sluice.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>> materialized);

    KTable<K, V> toTable(Named named,
                         Materialized<K, V, io.sluice.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>> materialized);

    KGroupedStream<K, V> groupByKey();

    KGroupedStream<K, V> groupByKey(Grouped<K, V> grouped);

    <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector);

    <KR> KGroupedStream<KR, V> groupBy(KeyValueMapper<? super K, ? super V, KR> keySelector, Grouped<KR, V> grouped);

    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner);

    <VT, VR> KStream<K, VR> join(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                 Joined<K, V, VT> joined);

    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner);

    <VT, VR> KStream<K, VR> leftJoin(KTable<K, VT> table, ValueJoiner<? super V, ? super VT, ? extends VR> joiner,
                                     Joined<K, V, VT> joined);

    // ---- stream-stream joins: records of both streams within the join windows of each other, by key

    <VRight, VOut> KStream<K, VOut> join(KStream<K, VRight> otherStream,
                                         ValueJoiner<? super V, ? super VRight, ? extends VOut> joiner,
                                         JoinWindows windows);

    <VRight, VOut> KStream<K, VOut> join(KStream<K, VRight> otherStream,
                                         ValueJoinerWithKey<? super K, ? super V, ? super VRight, ? extends VOut> joiner,
                                         JoinWindows windows);

    <VRight, VOut> KStream<K, VOut> join(KStream<K, VRight> otherStream,
                                         ValueJoiner<? super V, ? super VRight, ? extends VOut> joiner,
                                         JoinWindows windows, StreamJoined<K, V, VRight> streamJoined);

    <VRight, VOut> KStream<K, VOut> join(KStream<K, VRight> otherStream,
                                         ValueJoinerWithKey<? super K, ? super V, ? super VRight, ? extends VOut> joiner,
                                         JoinWindows windows, StreamJoined<K, V, VRight> streamJoined);

    /** Also emits this stream's records that found no match, with {@code null}, once their window has closed. */
    <VRight, VOut> KStream<K, VOut> leftJoin(KStream<K, VRight> otherStream,
                                             ValueJoiner<? super V, ? super VRight, ? extends VOut> joiner,
                                             JoinWindows windows);

    <VRight, VOut> KStream<K, VOut> leftJoin(KStream<K, VRight> otherStream,
                                             ValueJoinerWithKey<? super K, ? super V, ? super VRight, ? extends VOut> joiner,
                                             JoinWindows windows);

    <VRight, VOut> KStream<K, VOut> leftJoin(KStream<K, VRight> otherStream,
                                             ValueJoiner<? super V, ? super VRight, ? extends VOut> joiner,
                                             JoinWindows windows, StreamJoined<K, V, VRight> streamJoined);

    <VRight, VOut> KStream<K, VOut> leftJoin(KStream<K, VRight> otherStream,
                                             ValueJoinerWithKey<? super K, ? super V, ? super VRight, ? extends VOut> joiner,
                                             JoinWindows windows, StreamJoined<K, V, VRight> streamJoined);

    /** Also emits both streams' records that found no match, with {@code null}, once their window has closed. */
    <VRight, VOut> KStream<K, VOut> outerJoin(KStream<K, VRight> otherStream,
                                              ValueJoiner<? super V, ? super VRight, ? extends VOut> joiner,
                                              JoinWindows windows);

    <VRight, VOut> KStream<K, VOut> outerJoin(KStream<K, VRight> otherStream,
                                              ValueJoinerWithKey<? super K, ? super V, ? super VRight, ? extends VOut> joiner,
                                              JoinWindows windows);

    <VRight, VOut> KStream<K, VOut> outerJoin(KStream<K, VRight> otherStream,
                                              ValueJoiner<? super V, ? super VRight, ? extends VOut> joiner,
                                              JoinWindows windows, StreamJoined<K, V, VRight> streamJoined);

    <VRight, VOut> KStream<K, VOut> outerJoin(KStream<K, VRight> otherStream,
                                              ValueJoinerWithKey<? super K, ? super V, ? super VRight, ? extends VOut> joiner,
                                              JoinWindows windows, StreamJoined<K, V, VRight> streamJoined);

    // ---- stream-globalTable joins: look each record up in the table by a key derived from it

    <GlobalKey, GlobalValue, VOut> KStream<K, VOut> join(
        GlobalKTable<GlobalKey, GlobalValue> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GlobalKey> keySelector,
        ValueJoiner<? super V, ? super GlobalValue, ? extends VOut> joiner);

    <GlobalKey, GlobalValue, VOut> KStream<K, VOut> join(
        GlobalKTable<GlobalKey, GlobalValue> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GlobalKey> keySelector,
        ValueJoinerWithKey<? super K, ? super V, ? super GlobalValue, ? extends VOut> joiner);

    <GlobalKey, GlobalValue, VOut> KStream<K, VOut> join(
        GlobalKTable<GlobalKey, GlobalValue> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GlobalKey> keySelector,
        ValueJoiner<? super V, ? super GlobalValue, ? extends VOut> joiner, Named named);

    <GlobalKey, GlobalValue, VOut> KStream<K, VOut> join(
        GlobalKTable<GlobalKey, GlobalValue> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GlobalKey> keySelector,
        ValueJoinerWithKey<? super K, ? super V, ? super GlobalValue, ? extends VOut> joiner, Named named);

    /** Like the inner join, but a missing table value joins as {@code null}. */
    <GlobalKey, GlobalValue, VOut> KStream<K, VOut> leftJoin(
        GlobalKTable<GlobalKey, GlobalValue> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GlobalKey> keySelector,
        ValueJoiner<? super V, ? super GlobalValue, ? extends VOut> joiner);

    <GlobalKey, GlobalValue, VOut> KStream<K, VOut> leftJoin(
        GlobalKTable<GlobalKey, GlobalValue> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GlobalKey> keySelector,
        ValueJoinerWithKey<? super K, ? super V, ? super GlobalValue, ? extends VOut> joiner);

    <GlobalKey, GlobalValue, VOut> KStream<K, VOut> leftJoin(
        GlobalKTable<GlobalKey, GlobalValue> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GlobalKey> keySelector,
        ValueJoiner<? super V, ? super GlobalValue, ? extends VOut> joiner, Named named);

    <GlobalKey, GlobalValue, VOut> KStream<K, VOut> leftJoin(
        GlobalKTable<GlobalKey, GlobalValue> globalTable,
        KeyValueMapper<? super K, ? super V, ? extends GlobalKey> keySelector,
        ValueJoinerWithKey<? super K, ? super V, ? super GlobalValue, ? extends VOut> joiner, Named named);

    <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier,
                                             String... stateStoreNames);

    <KOut, VOut> KStream<KOut, VOut> process(ProcessorSupplier<? super K, ? super V, KOut, VOut> processorSupplier,
                                             Named named, String... stateStoreNames);

    <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier,
                                          String... stateStoreNames);

    <VOut> KStream<K, VOut> processValues(FixedKeyProcessorSupplier<? super K, ? super V, VOut> processorSupplier,
                                          Named named, String... stateStoreNames);
}
