package io.sluice.connect.runtime.testplugins;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Records the values put, per connector name, in {@link #delivered}. A batch holding the value {@code poison}
 * (config key) makes put throw, as a sink whose destination rejects one record would.
 */
public class RecordingSinkTask extends SinkTask {
    public static final Map<String, List<String>> delivered = new ConcurrentHashMap<>();

    private String name;
    private String poison;

    @Override
    public void start(Map<String, String> props) {
        name = props.get("name");
        poison = props.get("poison");
        delivered.computeIfAbsent(name, n -> new CopyOnWriteArrayList<>());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            if (poison != null && poison.equals(String.valueOf(record.value()))) {
                throw new ConnectException("destination rejected " + record.value());
            }
        }
        for (SinkRecord record : records) {
            delivered.get(name).add(String.valueOf(record.value()));
        }
    }

    @Override
    public void stop() {
    }

    @Override
    public String version() {
        return "test";
    }
}
