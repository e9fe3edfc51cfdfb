package io.sluice.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Writes one record per stdin line (UTF-8): {@code key<TAB>value} when the line has a tab (split at the first
 * one), else the whole line is the value and the key is null. An empty line is a record with an empty value.
 *
 * <p>Durable and never silent: {@code acks=all} with idempotence; the first failed send stops reading, and the
 * command reports it and exits 1 (records already acknowledged stay written). The summary goes to stderr so
 * stdout stays clean for pipelines.
 */
@Command(name = "produce", mixinStandardHelpOptions = true,
    description = "Write stdin lines to a topic, one record per line (key<TAB>value or value).")
public final class ProduceCommand implements Callable<Integer> {
    @Parameters(paramLabel = "TOPIC", description = "Topic to write to (created on first use if the broker allows).")
    String topic;

    @Mixin
    ClientOptions client;

    @Option(names = "--timeout-ms", paramLabel = "MS",
        description = "Fail a record the broker has not acknowledged within this time. Default: ${DEFAULT-VALUE}")
    int timeoutMs = 30_000;

    @ParentCommand
    SluiceCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (timeoutMs < 1) {
            throw CliException.usage("--timeout-ms must be at least 1, not " + timeoutMs);
        }
        PrintWriter err = spec.commandLine().getErr();
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long sent = 0;
        try (Producer<String, String> producer = producer();
             BufferedReader lines = new BufferedReader(new InputStreamReader(parent.stdin(), StandardCharsets.UTF_8))) {
            try {
                for (String line = lines.readLine(); line != null && firstFailure.get() == null; line = lines.readLine()) {
                    producer.send(record(topic, line), (metadata, exception) -> {
                        if (exception == null) {
                            acknowledged.incrementAndGet();
                        } else {
                            firstFailure.compareAndSet(null, exception);
                        }
                    });
                    sent++;
                }
                producer.flush();
            } catch (KafkaException e) {
                // send() throws for some errors instead of failing the future (e.g. a record too large).
                firstFailure.compareAndSet(null, e);
            } finally {
                if (firstFailure.get() != null) {
                    producer.close(Duration.ZERO);
                }
            }
        } catch (IOException e) {
            throw CliException.failure("Cannot read stdin: " + e.getMessage() + " (" + acknowledged.get()
                + " records written to " + topic + ")");
        }
        Exception failure = firstFailure.get();
        if (failure != null) {
            throw new CliException(CliException.FAILURE, "Writing to " + topic + " failed after " + acknowledged.get()
                + " of " + sent + " records were acknowledged: " + message(failure), failure);
        }
        err.println("Wrote " + acknowledged.get() + " records to " + topic + ".");
        err.flush();
        return 0;
    }

    /** {@code key<TAB>value} splits at the first tab; a line without a tab is a value with a null key. */
    static ProducerRecord<String, String> record(String topic, String line) {
        int tab = line.indexOf('\t');
        return tab < 0 ? new ProducerRecord<>(topic, null, line)
            : new ProducerRecord<>(topic, line.substring(0, tab), line.substring(tab + 1));
    }

    private String message(Exception failure) {
        if (failure instanceof org.apache.kafka.common.errors.TimeoutException) {
            return "no acknowledgement from " + client.bootstrapServer + " within " + timeoutMs
                + " ms (is the broker running? see --bootstrap-server and --timeout-ms): " + failure.getMessage();
        }
        return ClientErrors.describe(failure);
    }

    private Producer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, client.bootstrapServer);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms; max.block.ms bounds the metadata wait.
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + 5);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try {
            return new KafkaProducer<>(props);
        } catch (KafkaException e) {
            throw CliException.usage("Cannot use --bootstrap-server '" + client.bootstrapServer + "': "
                + ClientErrors.describe(e.getCause() == null ? e : e.getCause()));
        }
    }
}
