package io.sluice.streams.kstream.internals;

import io.sluice.streams.kstream.Windowed;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serializer of windowed keys that can also serialize the plain key alone, which is what windowed results are
 * partitioned by: all windows of a key go to the same partition.
 */
public interface WindowedSerializer<T> extends Serializer<Windowed<T>> {
    byte[] serializeBaseKey(String topic, Windowed<T> data);

    default byte[] serializeBaseKey(String topic, Headers headers, Windowed<T> data) {
        return serializeBaseKey(topic, data);
    }
}
