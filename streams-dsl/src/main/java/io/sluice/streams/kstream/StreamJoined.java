package io.sluice.streams.kstream;

import io.sluice.streams.state.WindowBytesStoreSupplier;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * Settings of a stream-stream join: serdes of the key and both sides' values, the processor name, the base
 * name of the two window stores that buffer each side (and of their changelogs), optional suppliers for those
 * stores, and changelogging (on by default). Unset settings are {@code null}. Immutable.
 *
 * @param <K>  key type
 * @param <V1> this stream's value type
 * @param <V2> the other stream's value type
 */
public class StreamJoined<K, V1, V2> implements NamedOperation<StreamJoined<K, V1, V2>> {
    private final Serde<K> keySerde;
    private final Serde<V1> valueSerde;
    private final Serde<V2> otherValueSerde;
    private final WindowBytesStoreSupplier thisStoreSupplier;
    private final WindowBytesStoreSupplier otherStoreSupplier;
    private final String name;
    private final String storeName;
    private final boolean loggingEnabled;
    private final Map<String, String> topicConfig;

    private StreamJoined(Serde<K> keySerde, Serde<V1> valueSerde, Serde<V2> otherValueSerde,
                         WindowBytesStoreSupplier thisStoreSupplier, WindowBytesStoreSupplier otherStoreSupplier,
                         String name, String storeName, boolean loggingEnabled, Map<String, String> topicConfig) {
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
        this.otherValueSerde = otherValueSerde;
        this.thisStoreSupplier = thisStoreSupplier;
        this.otherStoreSupplier = otherStoreSupplier;
        this.name = Named.validateOrNull(name);
        this.storeName = Named.validateOrNull(storeName);
        this.loggingEnabled = loggingEnabled;
        this.topicConfig = Map.copyOf(topicConfig);
    }

    /** A copy of {@code streamJoined}, for subclasses. */
    protected StreamJoined(StreamJoined<K, V1, V2> streamJoined) {
        this(streamJoined.keySerde, streamJoined.valueSerde, streamJoined.otherValueSerde,
            streamJoined.thisStoreSupplier, streamJoined.otherStoreSupplier, streamJoined.name,
            streamJoined.storeName, streamJoined.loggingEnabled, streamJoined.topicConfig);
    }

    public static <K, V1, V2> StreamJoined<K, V1, V2> with(WindowBytesStoreSupplier storeSupplier,
                                                           WindowBytesStoreSupplier otherStoreSupplier) {
        return new StreamJoined<>(null, null, null, Objects.requireNonNull(storeSupplier, "storeSupplier"),
            Objects.requireNonNull(otherStoreSupplier, "otherStoreSupplier"), null, null, true, Map.of());
    }

    public static <K, V1, V2> StreamJoined<K, V1, V2> with(Serde<K> keySerde, Serde<V1> valueSerde,
                                                           Serde<V2> otherValueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, null, null, null, null, true, Map.of());
    }

    /** Sets the base name of the join's stores (not of the processor). */
    public static <K, V1, V2> StreamJoined<K, V1, V2> as(String storeName) {
        return new StreamJoined<>(null, null, null, null, null, null, Objects.requireNonNull(storeName,
            "storeName"), true, Map.of());
    }

    @Override
    public StreamJoined<K, V1, V2> withName(String name) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withStoreName(String storeName) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withKeySerde(Serde<K> keySerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withValueSerde(Serde<V1> valueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withOtherValueSerde(Serde<V2> otherValueSerde) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withThisStoreSupplier(WindowBytesStoreSupplier thisStoreSupplier) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig);
    }

    public StreamJoined<K, V1, V2> withOtherStoreSupplier(WindowBytesStoreSupplier otherStoreSupplier) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, loggingEnabled, topicConfig);
    }

    /** Enables both stores' changelogs with the topic configs {@code config}. */
    public StreamJoined<K, V1, V2> withLoggingEnabled(Map<String, String> config) {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, true, Objects.requireNonNull(config, "config"));
    }

    public StreamJoined<K, V1, V2> withLoggingDisabled() {
        return new StreamJoined<>(keySerde, valueSerde, otherValueSerde, thisStoreSupplier, otherStoreSupplier, name,
            storeName, false, new HashMap<>());
    }

    public Serde<K> keySerde() {
        return keySerde;
    }

    public Serde<V1> valueSerde() {
        return valueSerde;
    }

    public Serde<V2> otherValueSerde() {
        return otherValueSerde;
    }

    public WindowBytesStoreSupplier thisStoreSupplier() {
        return thisStoreSupplier;
    }

    public WindowBytesStoreSupplier otherStoreSupplier() {
        return otherStoreSupplier;
    }

    /** The processor name, or {@code null}. */
    public String name() {
        return name;
    }

    /** The stores' base name, or {@code null} (derived from the processor name). */
    public String storeName() {
        return storeName;
    }

    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    /** Changelog topic configs; immutable, empty when logging is disabled. */
    public Map<String, String> logConfig() {
        return topicConfig;
    }
}
