package io.sluice.streams.state;

import org.apache.kafka.common.utils.Bytes;

public interface WindowBytesStoreSupplier extends StoreSupplier<WindowStore<Bytes, byte[]>> {
    long segmentIntervalMs();

    long windowSize();

    boolean retainDuplicates();

    long retentionPeriod();
}
