package io.sluice.streams.state.internals;

import io.sluice.streams.state.KeyValueBytesStoreSupplier;
import io.sluice.streams.state.KeyValueStore;
import io.sluice.streams.state.SessionBytesStoreSupplier;
import io.sluice.streams.state.SessionStore;
import io.sluice.streams.state.WindowBytesStoreSupplier;
import io.sluice.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;

/** The bytes-store suppliers behind {@link io.sluice.streams.state.Stores}. */
public final class StoreSuppliers {
    private StoreSuppliers() {
    }

    /** Kafka's segment interval: half the retention, at least a minute. */
    public static long segmentInterval(long retentionMs) {
        return Math.max(retentionMs / 2, 60_000L);
    }

    public static KeyValueBytesStoreSupplier keyValue(String name, boolean persistent) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return persistent ? new RocksDBStore(name) : new InMemoryKeyValueStore(name);
            }

            @Override
            public String metricsScope() {
                return persistent ? "rocksdb" : "in-memory";
            }
        };
    }

    public static WindowBytesStoreSupplier window(String name, long retentionMs, long segmentIntervalMs,
                                                  long windowSizeMs, boolean retainDuplicates, boolean persistent) {
        return new WindowBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public WindowStore<Bytes, byte[]> get() {
                return new SegmentedWindowStore(name, retentionMs, segmentIntervalMs, windowSizeMs, retainDuplicates,
                    persistent ? SegmentStorage.rocksDb(name) : SegmentStorage.inMemory(name));
            }

            @Override
            public String metricsScope() {
                return persistent ? "rocksdb-window" : "in-memory-window";
            }

            @Override
            public long segmentIntervalMs() {
                return segmentIntervalMs;
            }

            @Override
            public long windowSize() {
                return windowSizeMs;
            }

            @Override
            public boolean retainDuplicates() {
                return retainDuplicates;
            }

            @Override
            public long retentionPeriod() {
                return retentionMs;
            }
        };
    }

    public static SessionBytesStoreSupplier session(String name, long retentionMs, long segmentIntervalMs,
                                                    boolean persistent) {
        return new SessionBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public SessionStore<Bytes, byte[]> get() {
                return new SegmentedSessionStore(name, retentionMs, segmentIntervalMs,
                    persistent ? SegmentStorage.rocksDb(name) : SegmentStorage.inMemory(name));
            }

            @Override
            public String metricsScope() {
                return persistent ? "rocksdb-session" : "in-memory-session";
            }

            @Override
            public long segmentIntervalMs() {
                return segmentIntervalMs;
            }

            @Override
            public long retentionPeriod() {
                return retentionMs;
            }
        };
    }
}
