package io.sluice.streams.kstream;

import io.sluice.streams.TopologyTestDriver;
import java.util.List;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Test helpers for windowed topologies: windowed results as "key@start/end=value@timestamp" lines. */
final class WindowedTopologies {
    private WindowedTopologies() {
    }

    /** Writes a windowed table's changes to topic {@code out} as strings, tombstones as "null". */
    static <V> void toOutput(KTable<Windowed<String>, V> table, String out) {
        table.toStream()
            .map((windowed, value) -> io.sluice.streams.KeyValue.pair(windowed.key() + "@" + windowed.window().start()
                + "/" + windowed.window().end(), String.valueOf(value)))
            .to(out, Produced.with(Serdes.String(), Serdes.String()));
    }

    /** What the driver wrote to {@code topic}: "key=value@timestamp" per record, in order. */
    static List<String> read(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, new StringDeserializer(), new StringDeserializer()).readRecordsToList()
            .stream().map(record -> record.key() + "=" + record.value() + "@" + record.timestamp()).toList();
    }

    static double dropped(TopologyTestDriver driver) {
        return driver.metrics().entrySet().stream()
            .filter(metric -> metric.getKey().name().equals("dropped-records-total"))
            .mapToDouble(metric -> (Double) ((KafkaMetric) metric.getValue()).metricValue()).sum();
    }
}
