package io.sluice.streams.state.internals;

import io.sluice.streams.KeyValue;
import java.util.Collection;

/**
 * A bytes store that can apply changelog records keyed by its own store-key layout (window and session stores,
 * whose changelog keys are their store keys), bypassing the typed put path. A {@code null} value deletes.
 */
interface RawRestorable {
    void restoreRaw(Collection<KeyValue<byte[], byte[]>> records);
}
