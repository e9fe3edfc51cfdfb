package io.sluice.streams.state;

import org.apache.kafka.common.utils.Bytes;

public interface SessionBytesStoreSupplier extends StoreSupplier<SessionStore<Bytes, byte[]>> {
    long segmentIntervalMs();

    long retentionPeriod();
}
