package io.sluice.streams.kstream;

import io.sluice.streams.processor.StateStore;
import io.sluice.streams.state.BuiltInDslStoreSuppliers;
import io.sluice.streams.state.DslKeyValueParams;
import io.sluice.streams.state.DslSessionParams;
import io.sluice.streams.state.DslStoreSuppliers;
import io.sluice.streams.state.DslWindowParams;
import io.sluice.streams.state.KeyValueBytesStoreSupplier;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.SessionBytesStoreSupplier;
import io.sluice.streams.state.SessionStore;
import io.sluice.streams.state.StoreSupplier;
import io.sluice.streams.state.WindowBytesStoreSupplier;
import io.sluice.streams.state.WindowStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * How the DSL materializes the state store behind a table or aggregation: its name (which makes it queryable
 * and names its changelog), either a {@link StoreSupplier} or the {@link DslStoreSuppliers} to get one from (e.g.
 * {@link BuiltInDslStoreSuppliers#IN_MEMORY} or a {@link StoreType}), serdes, changelogging (on by
 * default, with topic configs), caching (on by default) and, for window and session stores, retention.
 *
 * <p>A mutable builder as in Kafka Streams: {@code withX} changes and returns {@code this}. Settings not given
 * read as {@code null} and the DSL applies its defaults: a generated, non-queryable store name; the configured
 * default store type and serdes; a retention of the window size plus grace period. Invariants: the store name (if
 * any) is a legal name; the retention (if any) is not negative.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <S> the type of the store to build, e.g. {@code KeyValueStore<Bytes, byte[]>}
 */
public class Materialized<K, V, S extends StateStore> {
    /** The built-in store implementations, as {@link DslStoreSuppliers} (each one is its built-in supplier). */
    public enum StoreType implements DslStoreSuppliers {
        ROCKS_DB(BuiltInDslStoreSuppliers.ROCKS_DB),
        IN_MEMORY(BuiltInDslStoreSuppliers.IN_MEMORY);

        private final DslStoreSuppliers suppliers;

        StoreType(DslStoreSuppliers suppliers) {
            this.suppliers = suppliers;
        }

        @Override
        public KeyValueBytesStoreSupplier keyValueStore(DslKeyValueParams params) {
            return suppliers.keyValueStore(params);
        }

        @Override
        public WindowBytesStoreSupplier windowStore(DslWindowParams params) {
            return suppliers.windowStore(params);
        }

        @Override
        public SessionBytesStoreSupplier sessionStore(DslSessionParams params) {
            return suppliers.sessionStore(params);
        }
    }

    protected String storeName;
    protected StoreSupplier<?> storeSupplier;
    protected DslStoreSuppliers dslStoreSuppliers;
    protected Serde<K> keySerde;
    protected Serde<V> valueSerde;
    protected boolean loggingEnabled = true;
    protected boolean cachingEnabled = true;
    protected Map<String, String> topicConfig = new HashMap<>();
    protected Duration retention;

    private Materialized(StoreSupplier<?> storeSupplier) {
        this.storeSupplier = storeSupplier;
    }

    private Materialized(String storeName) {
        this.storeName = Named.validateOrNull(storeName);
    }

    private Materialized(DslStoreSuppliers dslStoreSuppliers) {
        this.dslStoreSuppliers = dslStoreSuppliers;
    }

    /** A copy of {@code materialized} (its topic configs copied too), for subclasses and for applying defaults. */
    protected Materialized(Materialized<K, V, S> materialized) {
        this.storeName = materialized.storeName;
        this.storeSupplier = materialized.storeSupplier;
        this.dslStoreSuppliers = materialized.dslStoreSuppliers;
        this.keySerde = materialized.keySerde;
        this.valueSerde = materialized.valueSerde;
        this.loggingEnabled = materialized.loggingEnabled;
        this.cachingEnabled = materialized.cachingEnabled;
        this.topicConfig = new HashMap<>(materialized.topicConfig);
        this.retention = materialized.retention;
    }

    /** @throws io.sluice.streams.errors.TopologyException if {@code storeName} is not a legal name */
    public static <K, V, S extends StateStore> Materialized<K, V, S> as(String storeName) {
        return new Materialized<>(Objects.requireNonNull(storeName, "storeName"));
    }

    /** A store with a generated name, from {@code storeSuppliers}. */
    public static <K, V, S extends StateStore> Materialized<K, V, S> as(DslStoreSuppliers storeSuppliers) {
        return new Materialized<>(Objects.requireNonNull(storeSuppliers, "storeSuppliers"));
    }

    public static <K, V> Materialized<K, V, WindowStore<Bytes, byte[]>> as(WindowBytesStoreSupplier supplier) {
        return new Materialized<>(Objects.requireNonNull(supplier, "supplier"));
    }

    public static <K, V> Materialized<K, V, SessionStore<Bytes, byte[]>> as(SessionBytesStoreSupplier supplier) {
        return new Materialized<>(Objects.requireNonNull(supplier, "supplier"));
    }

    public static <K, V> Materialized<K, V, KeyValueStore<Bytes, byte[]>> as(KeyValueBytesStoreSupplier supplier) {
        return new Materialized<>(Objects.requireNonNull(supplier, "supplier"));
    }

    public static <K, V, S extends StateStore> Materialized<K, V, S> with(Serde<K> keySerde, Serde<V> valueSerde) {
        Materialized<K, V, S> materialized = new Materialized<>((String) null);
        materialized.keySerde = keySerde;
        materialized.valueSerde = valueSerde;
        return materialized;
    }

    public Materialized<K, V, S> withKeySerde(Serde<K> keySerde) {
        this.keySerde = keySerde;
        return this;
    }

    public Materialized<K, V, S> withValueSerde(Serde<V> valueSerde) {
        this.valueSerde = valueSerde;
        return this;
    }

    /** Enables the changelog; {@code config} holds topic configs for the changelog topic (copied). */
    public Materialized<K, V, S> withLoggingEnabled(Map<String, String> config) {
        this.loggingEnabled = true;
        this.topicConfig = new HashMap<>(Objects.requireNonNull(config, "config"));
        return this;
    }

    /** Disables the changelog: the store is then lost with the local state directory. */
    public Materialized<K, V, S> withLoggingDisabled() {
        this.loggingEnabled = false;
        this.topicConfig.clear();
        return this;
    }

    public Materialized<K, V, S> withCachingEnabled() {
        this.cachingEnabled = true;
        return this;
    }

    public Materialized<K, V, S> withCachingDisabled() {
        this.cachingEnabled = false;
        return this;
    }

    /**
     * How long a window or session store keeps windows; must be at least the window size plus grace period
     * (checked by the DSL, which knows the windows). Ignored by key-value stores.
     *
     * @throws IllegalArgumentException if {@code retention} is negative
     */
    public Materialized<K, V, S> withRetention(Duration retention) {
        ApiArgs.nonNegativeMillis(retention, "retention");
        this.retention = retention;
        return this;
    }

    /** Where the store comes from; ignored if a {@link StoreSupplier} was given. */
    public Materialized<K, V, S> withStoreType(DslStoreSuppliers storeSuppliers) {
        this.dslStoreSuppliers = Objects.requireNonNull(storeSuppliers, "storeSuppliers");
        return this;
    }

    /** The store name: given to {@link #as(String)}, else the supplier's name, else {@code null} (generated). */
    public String storeName() {
        return storeSupplier != null ? storeSupplier.name() : storeName;
    }

    /** The supplier given to one of the {@code as(...Supplier)} factories, or {@code null}. */
    public StoreSupplier<?> storeSupplier() {
        return storeSupplier;
    }

    /** The store suppliers given to {@link #as(DslStoreSuppliers)} or {@link #withStoreType}, or {@code null}. */
    public DslStoreSuppliers dslStoreSuppliers() {
        return dslStoreSuppliers;
    }

    public Serde<K> keySerdeOrNull() {
        return keySerde;
    }

    public Serde<V> valueSerdeOrNull() {
        return valueSerde;
    }

    public boolean loggingEnabled() {
        return loggingEnabled;
    }

    /** Changelog topic configs (a copy; empty when logging is disabled). */
    public Map<String, String> logConfig() {
        return Map.copyOf(topicConfig);
    }

    public boolean cachingEnabled() {
        return cachingEnabled;
    }

    public Duration retention() {
        return retention;
    }
}
