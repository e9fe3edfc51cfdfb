package io.sluice.benchmarks.broker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * End-to-end latency at a fixed rate: one producer sends {@code RATE} records per second for {@code WARMUP_S +
 * SECONDS}, one consumer in the same JVM (assigned every partition, from the beginning of a fresh topic) reads
 * them; latency is consumer receive time minus the record's <em>scheduled</em> send time (stamped in the value
 * with {@code System.nanoTime()}), so a stalled producer counts against the broker instead of hiding the stall
 * (no coordinated omission). The first {@code WARMUP_S} seconds are not recorded.
 *
 * <pre>
 * EndToEndLatency BOOTSTRAP TOPIC RATE SECONDS WARMUP_S VALUE_BYTES [producer/consumer key=value ...]
 * </pre>
 *
 * <p>Prints {@code E2E sent=.. received=.. failed=.. p50_ms=.. p99_ms=.. p999_ms=.. max_ms=..}; {@code failed}
 * counts failed sends, {@code received < sent} means records were lost or arrived after the 10 s drain.
 * Defaults: {@code acks=all}, {@code linger.ms=0} (a fixed rate far below capacity: batching only adds delay).
 */
public final class EndToEndLatency {
    private EndToEndLatency() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 6) {
            System.err.println("usage: EndToEndLatency BOOTSTRAP TOPIC RATE SECONDS WARMUP_S VALUE_BYTES [key=value ...]");
            System.exit(2);
        }
        String bootstrap = args[0];
        String topic = args[1];
        int rate = Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        int warmupSeconds = Integer.parseInt(args[4]);
        int valueBytes = Math.max(16, Integer.parseInt(args[5]));

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        for (int i = 6; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            (kv[0].startsWith("consumer.") ? consumerProps : producerProps)
                .put(kv[0].replaceFirst("^(consumer|producer)\\.", ""), kv[1]);
        }

        int total = rate * (warmupSeconds + seconds);
        int warmup = rate * warmupSeconds;
        long[] latencies = new long[total - warmup];
        AtomicLong failed = new AtomicLong();

        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                 new ByteArraySerializer());
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                 new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : producer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            consumer.poll(Duration.ZERO); // resolve positions before the clock starts

            int[] received = {0};
            AtomicBoolean sendsDone = new AtomicBoolean();
            Thread reader = new Thread(() -> {
                long drainDeadline = Long.MAX_VALUE;
                while (received[0] < total && System.nanoTime() < drainDeadline) {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        long index = readLong(record.value(), 8);
                        if (index >= warmup) {
                            latencies[(int) (index - warmup)] = now - readLong(record.value(), 0);
                        }
                        received[0]++;
                    }
                    if (drainDeadline == Long.MAX_VALUE && sendsDone.get()) {
                        drainDeadline = System.nanoTime() + 10_000_000_000L;
                    }
                }
            }, "e2e-consumer");
            reader.start();

            long intervalNanos = 1_000_000_000L / rate;
            long start = System.nanoTime() + 100_000_000L;
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * intervalNanos;
                long wait;
                while ((wait = scheduled - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait > 200_000 ? wait - 100_000 : wait);
                }
                byte[] value = new byte[valueBytes];
                writeLong(value, 0, scheduled);
                writeLong(value, 8, i);
                producer.send(new ProducerRecord<>(topic, value), (metadata, e) -> {
                    if (e != null && failed.getAndIncrement() < 5) {
                        System.err.println("send failed: " + e);
                    }
                });
            }
            producer.flush();
            sendsDone.set(true); // from now on the reader gives up 10 s after the last send
            reader.join();

            int got = received[0];
            long[] recorded = Arrays.stream(latencies).filter(l -> l > 0).sorted().toArray();
            System.out.printf("E2E sent=%d received=%d failed=%d measured=%d p50_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f%n",
                total, got, failed.get(), recorded.length, pct(recorded, 50), pct(recorded, 99), pct(recorded, 99.9),
                recorded.length == 0 ? Double.NaN : recorded[recorded.length - 1] / 1e6);
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static void writeLong(byte[] b, int at, long v) {
        for (int i = 7; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }

    private static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }
}
