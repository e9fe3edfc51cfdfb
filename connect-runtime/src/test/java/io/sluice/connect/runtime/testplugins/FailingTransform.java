package io.sluice.connect.runtime.testplugins;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * A transformation that fails on purpose: with {@code fail.value} it throws a DataException for records whose value
 * equals it; with {@code retriable.failures=n} the first n calls throw a RetriableException (counted in
 * {@link #retriableThrown}).
 */
public class FailingTransform<R extends ConnectRecord<R>> implements Transformation<R> {
    public static final AtomicInteger retriableThrown = new AtomicInteger();

    private String failValue;
    private int retriableFailures;
    private int calls;

    @Override
    public void configure(Map<String, ?> configs) {
        Object value = configs.get("fail.value");
        failValue = value == null ? null : value.toString();
        Object failures = configs.get("retriable.failures");
        retriableFailures = failures == null ? 0 : Integer.parseInt(failures.toString());
    }

    @Override
    public R apply(R record) {
        if (calls++ < retriableFailures) {
            retriableThrown.incrementAndGet();
            throw new RetriableException("transient failure " + calls);
        }
        if (failValue != null && failValue.equals(String.valueOf(record.value()))) {
            throw new DataException("cannot transform " + record.value());
        }
        return record;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef()
            .define("fail.value", ConfigDef.Type.STRING, null, ConfigDef.Importance.LOW, "value that fails")
            .define("retriable.failures", ConfigDef.Type.INT, 0, ConfigDef.Importance.LOW, "first calls to fail");
    }

    @Override
    public void close() {
    }
}
