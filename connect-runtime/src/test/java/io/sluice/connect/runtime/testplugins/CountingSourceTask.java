package io.sluice.connect.runtime.testplugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/** The task of {@link CountingSourceConnector}: at most 10 records per poll, idles once {@code count} is reached. */
public class CountingSourceTask extends SourceTask {
    private String topic;
    private long count;
    private Map<String, String> partition;
    private long next;

    @Override
    public void start(Map<String, String> props) {
        if (Boolean.parseBoolean(props.get("fail.in.start"))) {
            throw new IllegalStateException("start failed on purpose for " + props.get("name"));
        }
        topic = props.get("topic");
        count = Long.parseLong(props.get("count"));
        partition = Map.of("source", props.get("name"));
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
            records.add(new SourceRecord(partition, Map.of("position", next), topic, null, null, null,
                Schema.STRING_SCHEMA, "record-" + next));
            next++;
        }
        return records;
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return "test";
    }
}
