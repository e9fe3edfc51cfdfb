package io.sluice.streams.kstream.internals;

import io.sluice.streams.errors.TopologyException;
import io.sluice.streams.kstream.KTable;
import io.sluice.streams.kstream.Materialized;
import io.sluice.streams.kstream.TableJoined;
import io.sluice.streams.kstream.ValueJoiner;
import io.sluice.streams.processor.StreamPartitioner;
import io.sluice.streams.processor.internals.InternalTopologyBuilder;
import io.sluice.streams.state.DslStoreSuppliers;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.TimestampedKeyValueStore;
import java.util.function.BiFunction;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

/**
 * Adds a foreign-key join to the topology (docs/design/0009-fk-join.md):
 *
 * <pre>
 * left table ─▶ SubscriptionSender ─▶ [subscription topic, by foreign key] ─▶ SubscriptionReceiver ─┐
 *        │                  └──────────────────────────────────┐          right table ─▶ RightTableUpdates ─┤
 *        │                                                     ▼                                          ▼
 *        └─(value getter)─ ResponseResolver ◀─ [response topic, by left key] ◀───────────────────────────┘
 *                                  └────────────▶ output (materialized result table)
 * </pre>
 *
 * The receiver and the right-table updater share the subscription store and sit with the right table; the sender,
 * the resolver and the output sit with the left table. Unless materialized, the result has no value getter (none
 * can reach the right table from the left table's partition) and forwards no old values, so joining it again
 * needs {@code Materialized} (a clear error at build time says so).
 *
 * <p>Threading: the thread building the topology.
 */
final class ForeignKeyJoinBuilder<K, V, KO, VO, VR> {
    private final KTableImpl<K, V> left;
    private final KTableImpl<KO, VO> right;
    private final TableJoined<K, KO> tableJoined;
    private final Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized;

    ForeignKeyJoinBuilder(KTableImpl<K, V> left, KTableImpl<KO, VO> right, TableJoined<K, KO> tableJoined,
                          Materialized<K, VR, KeyValueStore<Bytes, byte[]>> materialized) {
        this.left = left;
        this.right = right;
        this.tableJoined = tableJoined == null ? TableJoined.as(null) : tableJoined;
        this.materialized = materialized;
    }

    KTable<K, VR> build(BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                        ValueJoiner<? super V, ? super VO, ? extends VR> joiner, boolean leftJoin) {
        InternalStreamsBuilder builder = left.builder;
        InternalTopologyBuilder topology = builder.topology();
        String base = tableJoined.name();
        String senderName = name(builder, "-subscription-registration", "KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-");
        String subscriptionTopic = senderName + "-topic";
        String receiverName = name(builder, "-subscription-receive", "KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-");
        String updatesName = name(builder, "-subscription-join-foreign", "KTABLE-FK-JOIN-FOREIGN-PROCESSOR-");
        String responseTopic = name(builder, "-subscription-response", "KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-")
            + "-topic";
        String resolverName = name(builder, "-subscription-response-resolver",
            "KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-");
        String outputName = name(builder, "-result", "KTABLE-FK-JOIN-OUTPUT-");
        StoreBuilder<TimestampedKeyValueStore<Bytes, byte[]>> subscriptionStore = KeyValueMaterializer.storeBuilder(
            builder, subscriptionMaterialized(base), "KTABLE-FK-JOIN-SUBSCRIPTION-", Serdes.Bytes(),
            Serdes.ByteArray());
        StoreBuilder<TimestampedKeyValueStore<K, VR>> resultStore = materialized == null ? null
            : KeyValueMaterializer.storeBuilder(builder, materialized, "KTABLE-FK-JOIN-OUTPUT-", left.keySerde, null);

        // Left side: subscriptions out, and results that need no right value straight to the output.
        topology.addProcessor(senderName, new ForeignKeySubscriptionSender<K, V, KO, VO, VR>(senderName,
            foreignKeyExtractor, joiner, leftJoin, left.keySerde, left.valueSerde, right.keySerde, subscriptionTopic,
            subscriptionTopic + "-sink", outputName), left.nodeName);
        topology.addRepartitionTopic(subscriptionTopic, null);
        topology.addSink(subscriptionTopic + "-sink", subscriptionTopic, KStreamImpl.serializer(null, right.keySerde),
            new ByteArraySerializer(), keyOnly(tableJoined.otherPartitioner()), senderName);

        // Right side: subscriptions in, answers out on subscription and on right updates.
        topology.addSource(null, subscriptionTopic + "-source", null, KStreamImpl.deserializer(right.keySerde),
            new ByteArrayDeserializer(), subscriptionTopic);
        topology.addProcessor(receiverName, new ForeignKeySubscriptionReceiver<>(receiverName,
            subscriptionStore.name(), right.valueGetterSupplier(), left.keySerde, right.keySerde, right.valueSerde,
            subscriptionTopic), subscriptionTopic + "-source");
        topology.addStateStore(subscriptionStore, false, receiverName);
        topology.connectProcessorAndStateStores(receiverName, right.valueGetterSupplier().storeNames());
        topology.addProcessor(updatesName, new ForeignKeyRightTableUpdates<>(updatesName, subscriptionStore.name(),
            left.keySerde, right.keySerde, right.valueSerde, subscriptionTopic), right.nodeName);
        topology.connectProcessorAndStateStores(updatesName, subscriptionStore.name());
        topology.addRepartitionTopic(responseTopic, null);
        topology.addSink(responseTopic + "-sink", responseTopic, KStreamImpl.serializer(null, left.keySerde),
            new ByteArraySerializer(), keyOnly(tableJoined.partitioner()), receiverName, updatesName);

        // Left side again: answers in, joined with the current left value, into the output.
        topology.addSource(null, responseTopic + "-source", null, KStreamImpl.deserializer(left.keySerde),
            new ByteArrayDeserializer(), responseTopic);
        topology.addProcessor(resolverName, new ForeignKeyResponseResolver<K, V, VO, VR>(resolverName,
            left.valueGetterSupplier(), joiner, leftJoin, left.valueSerde, right.valueSerde, subscriptionTopic),
            responseTopic + "-source");
        topology.connectProcessorAndStateStores(resolverName, left.valueGetterSupplier().storeNames());
        topology.addProcessor(outputName,
            new KTableKTableJoinMerger<K, VR>(resultStore == null ? null : resultStore.name()), senderName,
            resolverName);
        if (resultStore == null) {
            return new KTableImpl<>(builder, outputName, left.keySerde, null, null, unreadable(outputName));
        }
        topology.addStateStore(resultStore, false, outputName);
        return new KTableImpl<>(builder, outputName, left.keySerde, materialized.valueSerdeOrNull(),
            materialized.storeName() != null ? resultStore.name() : null,
            new StoreValueGetterSupplier<>(resultStore.name()));
    }

    /** The value getter of an unmaterialized result: there is none to give. */
    private static <K, VR> KTableValueGetterSupplier<K, VR> unreadable(String outputName) {
        return new KTableValueGetterSupplier<>() {
            @Override
            public KTableValueGetter<K, VR> get() {
                throw new TopologyException(message());
            }

            @Override
            public String[] storeNames() {
                throw new TopologyException(message());
            }

            private String message() {
                return "The result of foreign-key join " + outputName + " cannot be looked up by key: pass "
                    + "Materialized to the join to join its result again";
            }
        };
    }

    /** The subscription store: named after the join if it is named, of the result's store type if one is given. */
    private Materialized<Bytes, byte[], KeyValueStore<Bytes, byte[]>> subscriptionMaterialized(String base) {
        DslStoreSuppliers storeType = materialized == null ? null : materialized.dslStoreSuppliers();
        if (base != null) {
            Materialized<Bytes, byte[], KeyValueStore<Bytes, byte[]>> named =
                Materialized.as(base + "-subscription-store");
            return storeType == null ? named : named.withStoreType(storeType);
        }
        return storeType == null ? null : Materialized.as(storeType);
    }

    private String name(InternalStreamsBuilder builder, String suffix, String prefix) {
        return tableJoined.name() != null ? tableJoined.name() + suffix : builder.newName(prefix);
    }

    /** A sink partitioner from the user's key-only one (the join's internal records carry encoded values). */
    private static <T> StreamPartitioner<T, byte[]> keyOnly(StreamPartitioner<T, Void> partitioner) {
        return partitioner == null ? null
            : (topic, key, value, numPartitions) -> partitioner.partitions(topic, key, null, numPartitions);
    }
}
