package io.sluice.connect.runtime.testplugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * The task of {@link CountingSourceConnector}: at most 10 records per poll, idles once {@code count} is reached. With
 * {@code large.position=n} and {@code large.bytes=b} the value of record n is padded to b bytes (for a topic whose
 * {@code max.message.bytes} refuses it) and sent to partition 1, the others to partition 0: alone in its producer
 * batch, the large record fails by itself (a batch it shares is split and refused again until the delivery timeout).
 */
public class CountingSourceTask extends SourceTask {
    private String topic;
    private long count;
    private Map<String, String> partition;
    private long next;
    private long largePosition;
    private int largeBytes;

    @Override
    public void start(Map<String, String> props) {
        if (Boolean.parseBoolean(props.get("fail.in.start"))) {
            throw new IllegalStateException("start failed on purpose for " + props.get("name"));
        }
        topic = props.get("topic");
        count = Long.parseLong(props.get("count"));
        partition = Map.of("source", props.get("name"));
        largePosition = Long.parseLong(props.getOrDefault("large.position", "-1"));
        largeBytes = Integer.parseInt(props.getOrDefault("large.bytes", "0"));
        Map<String, Object> stored = context.offsetStorageReader().offset(partition);
        next = stored == null ? 0 : ((Number) stored.get("position")).longValue() + 1;
    }

    @Override
    public List<SourceRecord> poll() {
        if (next >= count) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // idle like a real source waiting for data
            return null;
        }
        List<SourceRecord> records = new ArrayList<>();
        while (next < count && records.size() < 10) {
            Integer kafkaPartition = largePosition < 0 ? null : next == largePosition ? 1 : 0;
            records.add(new SourceRecord(partition, Map.of("position", next), topic, kafkaPartition, null, null,
                Schema.STRING_SCHEMA, value(next)));
            next++;
        }
        return records;
    }

    private String value(long position) {
        String value = "record-" + position;
        return position == largePosition ? value + "x".repeat(largeBytes - value.length()) : value;
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return "test";
    }
}
