package io.sluice.log.record;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One record's producer-side inputs: what a test appends. Key, value and header values may be null. */
record TestRecord(long timestamp, byte[] key, byte[] value, List<Header> headers) {

    static TestRecord of(long timestamp, String key, String value, Header... headers) {
        return new TestRecord(timestamp, bytes(key), bytes(value), List.of(headers));
    }

    static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    Header[] headerArray() {
        return headers.toArray(new Header[0]);
    }
}
