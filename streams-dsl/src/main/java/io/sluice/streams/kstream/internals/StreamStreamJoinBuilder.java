package io.sluice.streams.kstream.internals;

import io.sluice.streams.errors.StreamsException;
import io.sluice.streams.kstream.JoinWindows;
import io.sluice.streams.kstream.KStream;
import io.sluice.streams.kstream.Named;
import io.sluice.streams.kstream.StreamJoined;
import io.sluice.streams.kstream.ValueJoinerWithKey;
import io.sluice.streams.state.KeyValueBytesStoreSupplier;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.StoreBuilder;
import io.sluice.streams.state.Stores;
import io.sluice.streams.state.WindowBytesStoreSupplier;
import io.sluice.streams.state.WindowStore;
import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;

/**
 * Adds a stream-stream join (inner, left or outer) to the topology, with Kafka Streams' node and store names:
 *
 * <pre>
 *   this stream  → KSTREAM-WINDOWED-a (this store)  → KSTREAM-JOINTHIS-c  (reads other store) ─┐
 *   other stream → KSTREAM-WINDOWED-b (other store) → KSTREAM-JOINOTHER-d (reads this store)  ─┴→ KSTREAM-MERGE-e
 * </pre>
 *
 * The join processors are {@code KSTREAM-OUTERTHIS-} when the other side's unmatched records are emitted (outer
 * join) and {@code KSTREAM-OUTEROTHER-} when this side's are (left and outer joins). The window stores are
 * {@code <join processor>-store}, or {@code <storeName>-this-join-store} / {@code -other-join-store} (with
 * {@code -outer-} before {@code this}/{@code other} as above) when {@link StreamJoined#withStoreName} is set, or
 * the user's suppliers. Left and outer joins add the buffer of unmatched records,
 * {@code KSTREAM-OUTERSHARED-<index of the this-join processor>-store} (or {@code <base>-left-shared-join-store}
 * / {@code -outer-shared-join-store}), persistent unless this side's supplier is in-memory. A side whose key
 * changed is first repartitioned through {@code <node or StreamJoined name-left/-right>-repartition}.
 *
 * <p>Threading: the thread building the topology.
 */
final class StreamStreamJoinBuilder {
    private StreamStreamJoinBuilder() {
    }

    static <K, V, VO, VR> KStream<K, VR> join(KStreamImpl<K, V> thisStream, KStream<K, VO> otherStream,
                                             ValueJoinerWithKey<? super K, ? super V, ? super VO, ? extends VR> joiner,
                                             JoinWindows windows, StreamJoined<K, V, VO> streamJoined,
                                             boolean leftOuter, boolean rightOuter) {
        Objects.requireNonNull(otherStream, "otherStream can't be null");
        Objects.requireNonNull(joiner, "joiner can't be null");
        Objects.requireNonNull(windows, "windows can't be null");
        Objects.requireNonNull(streamJoined, "streamJoined can't be null");
        InternalStreamsBuilder builder = thisStream.builder;
        KStreamImpl<K, VO> other = (KStreamImpl<K, VO>) otherStream;
        Serde<K> keySerde = streamJoined.keySerde() != null ? streamJoined.keySerde() : thisStream.keySerde;
        Serde<V> thisSerde = streamJoined.valueSerde() != null ? streamJoined.valueSerde() : thisStream.valueSerde;
        Serde<VO> otherSerde = streamJoined.otherValueSerde() != null ? streamJoined.otherValueSerde()
            : other.valueSerde;
        String named = streamJoined.name();

        KStreamImpl<K, V> left = thisStream.repartitionRequired ? thisStream.throughRepartitionTopic(
            named != null ? named + "-left" : thisStream.nodeName, keySerde, thisSerde, null, null, true) : thisStream;
        KStreamImpl<K, VO> right = other.repartitionRequired ? other.throughRepartitionTopic(
            named != null ? named + "-right" : other.nodeName, keySerde, otherSerde, null, null, true) : other;

        // Generated names take their indexes in Kafka's order, even where the user's names replace them.
        String thisWindowedName = builder.name(suffixed(named, "-this-windowed"), "KSTREAM-WINDOWED-");
        String otherWindowedName = builder.name(suffixed(named, "-other-windowed"), "KSTREAM-WINDOWED-");
        String thisPrefix = rightOuter ? "KSTREAM-OUTERTHIS-" : "KSTREAM-JOINTHIS-";
        String thisJoinGenerated = builder.newName(thisPrefix);
        String otherJoinGenerated = builder.newName(leftOuter ? "KSTREAM-OUTEROTHER-" : "KSTREAM-JOINOTHER-");
        String thisSuffix = rightOuter ? "-outer-this-join" : "-this-join";
        String otherSuffix = leftOuter ? "-outer-other-join" : "-other-join";
        String thisJoinName = named != null ? named + thisSuffix : thisJoinGenerated;
        String otherJoinName = named != null ? named + otherSuffix : otherJoinGenerated;
        String mergeName = builder.name(suffixed(named, "-merge"), "KSTREAM-MERGE-");

        WindowBytesStoreSupplier thisSupplier = streamJoined.thisStoreSupplier();
        WindowBytesStoreSupplier otherSupplier = streamJoined.otherStoreSupplier();
        if (thisSupplier != null && otherSupplier != null && thisSupplier.name().equals(otherSupplier.name())) {
            throw new StreamsException("Both store suppliers of the join are named " + thisSupplier.name()
                + "; the two sides need stores with different names");
        }
        String baseStoreName = streamJoined.storeName();
        StoreBuilder<WindowStore<K, V>> thisStore = windowStore(thisSupplier, baseStoreName == null
            ? thisJoinGenerated : baseStoreName + thisSuffix, windows, keySerde, thisSerde, streamJoined);
        StoreBuilder<WindowStore<K, VO>> otherStore = windowStore(otherSupplier, baseStoreName == null
            ? otherJoinGenerated : baseStoreName + otherSuffix, windows, keySerde, otherSerde, streamJoined);
        StoreBuilder<KeyValueStore<Bytes, byte[]>> outerStore = null;
        if (leftOuter) {
            String suffix = rightOuter ? "-outer-shared-join" : "-left-shared-join";
            String base = thisSupplier != null && !thisSupplier.name().isEmpty() ? thisSupplier.name() + suffix
                : baseStoreName != null ? baseStoreName + suffix
                : "KSTREAM-OUTERSHARED-" + thisJoinGenerated.substring(thisPrefix.length());
            boolean persistent = thisSupplier == null || thisSupplier.get().persistent();
            outerStore = outerStore(base + "-store", persistent, streamJoined);
        }

        long retentionMs = windows.size() + windows.gracePeriodMs();
        builder.topology().addProcessor(thisWindowedName, new JoinSideBuffer<>(thisStore, retentionMs),
            left.nodeName);
        builder.topology().addProcessor(otherWindowedName, new JoinSideBuffer<>(otherStore, retentionMs),
            right.nodeName);
        JoinTimeTracker.Registry times = new JoinTimeTracker.Registry();
        builder.topology().addProcessor(thisJoinName, new KStreamKStreamJoinSide<>(thisJoinName, true, leftOuter,
            windows, otherStore, outerStore, new KStreamKStreamJoinSide.JoinSerdes<>(keySerde, thisSerde, otherSerde),
            joiner, times), thisWindowedName);
        ValueJoinerWithKey<K, VO, V, VR> reversed = (key, otherValue, value) -> joiner.apply(key, value, otherValue);
        builder.topology().addProcessor(otherJoinName, new KStreamKStreamJoinSide<>(otherJoinName, false, rightOuter,
            windows, thisStore, outerStore, new KStreamKStreamJoinSide.JoinSerdes<>(keySerde, otherSerde, thisSerde),
            reversed, times), otherWindowedName);
        KStreamImpl<K, VR> thisJoined = new KStreamImpl<>(builder, thisJoinName, keySerde, null, false);
        return thisJoined.merge(new KStreamImpl<>(builder, otherJoinName, keySerde, null, false),
            Named.as(mergeName));
    }

    private static String suffixed(String name, String suffix) {
        return name == null ? null : name + suffix;
    }

    private static <K, V> StoreBuilder<WindowStore<K, V>> windowStore(
            WindowBytesStoreSupplier supplier, String generatedName, JoinWindows windows, Serde<K> keySerde,
            Serde<V> valueSerde, StreamJoined<K, ?, ?> streamJoined) {
        if (supplier == null) {
            supplier = Stores.persistentWindowStore(generatedName + "-store",
                Duration.ofMillis(windows.size() + windows.gracePeriodMs()), Duration.ofMillis(windows.size()), true);
        } else {
            checkSupplier(supplier, windows);
        }
        StoreBuilder<WindowStore<K, V>> store = Stores.windowStoreBuilder(supplier, keySerde, valueSerde);
        return logged(store, streamJoined);
    }

    /** The supplier must hold exactly what the join needs: duplicates, for the windows' size plus grace. */
    private static void checkSupplier(WindowBytesStoreSupplier supplier, JoinWindows windows) {
        if (!supplier.retainDuplicates()) {
            throw new StreamsException("The store supplier " + supplier.name() + " of a stream-stream join must "
                + "retain duplicates (retainDuplicates=true)");
        }
        long retentionMs = windows.size() + windows.gracePeriodMs();
        if (supplier.retentionPeriod() != retentionMs || supplier.windowSize() != windows.size()) {
            throw new StreamsException("The store supplier " + supplier.name() + " has window size "
                + supplier.windowSize() + " ms and retention " + supplier.retentionPeriod() + " ms; the join "
                + "windows " + windows + " need window size " + windows.size() + " ms and retention " + retentionMs
                + " ms (size plus grace)");
        }
    }

    private static StoreBuilder<KeyValueStore<Bytes, byte[]>> outerStore(String name, boolean persistent,
                                                                         StreamJoined<?, ?, ?> streamJoined) {
        KeyValueBytesStoreSupplier supplier = persistent ? Stores.persistentKeyValueStore(name)
            : Stores.inMemoryKeyValueStore(name);
        StoreBuilder<KeyValueStore<Bytes, byte[]>> store =
            Stores.keyValueStoreBuilder(supplier, Serdes.Bytes(), Serdes.ByteArray());
        // Every waiting record is read back soon and removed: a cache would only delay the writes.
        store.withCachingDisabled();
        return logged(store, streamJoined);
    }

    private static <S extends io.sluice.streams.processor.StateStore> StoreBuilder<S> logged(
            StoreBuilder<S> store, StreamJoined<?, ?, ?> streamJoined) {
        if (streamJoined.loggingEnabled()) {
            store.withLoggingEnabled(streamJoined.logConfig());
        } else {
            store.withLoggingDisabled();
        }
        return store;
    }
}
