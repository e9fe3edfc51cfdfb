package io.sluice.log.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sluice.log.embedded.EmbeddedBroker;
import io.sluice.log.record.RecordBatchDescriptor;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Produce requests no healthy client sends — replayed idempotent batches, sequence gaps, corrupted CRCs, a
 * wrong magic — each get Kafka's error code for that partition, while a healthy producer keeps working.
 */
class ProduceValidationIT {
    private static final short VERSION = 11;
    private static final String TOPIC = "validated";

    @TempDir
    Path dataDir;
    EmbeddedBroker broker;
    RawKafkaConnection raw;
    final AtomicBoolean producing = new AtomicBoolean(true);
    CompletableFuture<List<RecordMetadata>> healthy;

    @BeforeEach
    void setUp() throws Exception {
        broker = EmbeddedBroker.start(dataDir);
        broker.createTopic(TOPIC, 1, Map.of());
        broker.createTopic("healthy", 1, Map.of());
        raw = new RawKafkaConnection("localhost", broker.port());
        healthy = CompletableFuture.supplyAsync(this::produceUntilStopped);
    }

    @AfterEach
    void tearDown() throws Exception {
        raw.close();
        broker.close();
    }

    /** A healthy producer sending in parallel: every one of its records must be acknowledged, in order. */
    private List<RecordMetadata> produceUntilStopped() {
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrapServers());
        props.put("acks", "all");
        props.put("key.serializer", StringSerializer.class.getName());
        props.put("value.serializer", StringSerializer.class.getName());
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (int i = 0; producing.get() || i < 50; i++) {
                sent.add(producer.send(new ProducerRecord<>("healthy", "v" + i)));
            }
            producer.flush();
            List<RecordMetadata> acks = new ArrayList<>();
            for (Future<RecordMetadata> future : sent) {
                acks.add(future.get());
            }
            return acks;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertHealthyProducerUnaffected() throws Exception {
        producing.set(false);
        List<RecordMetadata> acks = healthy.get();
        assertThat(acks).extracting(RecordMetadata::offset)
            .containsExactlyElementsOf(java.util.stream.LongStream.range(0, acks.size()).boxed().toList());
    }

    private static MemoryRecords idempotentBatch(long producerId, int sequence, String... values) {
        SimpleRecord[] records = new SimpleRecord[values.length];
        for (int i = 0; i < values.length; i++) {
            records[i] = new SimpleRecord(values[i].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return MemoryRecords.withIdempotentRecords(org.apache.kafka.common.compress.Compression.NONE, producerId,
            (short) 0, sequence, records);
    }

    private static ProduceRequest request(MemoryRecords records) {
        ProduceRequestData data = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000);
        ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData().setName(TOPIC);
        topic.partitionData().add(new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(records));
        data.topicData().add(topic);
        return ProduceRequest.builder(data).build(VERSION);
    }

    private ProduceResponseData.PartitionProduceResponse send(ByteBuffer requestBytes) throws Exception {
        ProduceResponse response = (ProduceResponse) raw.send(requestBytes, ApiKeys.PRODUCE, VERSION);
        return response.data().responses().iterator().next().partitionResponses().get(0);
    }

    /** The request bytes with {@code tamper} applied to the batch inside them. */
    private ByteBuffer tampered(MemoryRecords records, java.util.function.BiConsumer<ByteBuffer, Integer> tamper) {
        ByteBuffer bytes = raw.serialize(request(records));
        int batchStart = indexOf(bytes, records.buffer());
        tamper.accept(bytes, batchStart);
        return bytes;
    }

    private static int indexOf(ByteBuffer haystack, ByteBuffer needle) {
        outer:
        for (int i = haystack.position(); i <= haystack.limit() - needle.remaining(); i++) {
            for (int j = 0; j < needle.remaining(); j++) {
                if (haystack.get(i + j) != needle.get(needle.position() + j)) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("batch not found in the serialized request");
    }

    @Test
    void aReplayedIdempotentBatchAnswersWithTheOriginalOffsetAndIsStoredOnce() throws Exception {
        MemoryRecords batch = idempotentBatch(4242, 0, "a", "b");
        ProduceResponseData.PartitionProduceResponse first = send(raw.serialize(request(batch)));
        batch.buffer().rewind();

        ProduceResponseData.PartitionProduceResponse replay = send(raw.serialize(request(batch)));

        assertThat(first.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(replay.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(replay.baseOffset()).isEqualTo(first.baseOffset());
        assertThat(logEnd()).isEqualTo(2);
        assertHealthyProducerUnaffected();
    }

    @Test
    void aSequenceGapIsOutOfOrder() throws Exception {
        send(raw.serialize(request(idempotentBatch(77, 0, "a"))));

        ProduceResponseData.PartitionProduceResponse gap = send(raw.serialize(request(idempotentBatch(77, 5, "b"))));

        assertThat(gap.errorCode()).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER.code());
        assertThat(logEnd()).isEqualTo(1);
        assertHealthyProducerUnaffected();
    }

    @Test
    void aBatchWithABadCrcIsRefusedAsCorrupt() throws Exception {
        ByteBuffer bytes = tampered(idempotentBatch(1, 0, "payload"),
            (buffer, start) -> buffer.put(start + RecordBatchDescriptor.RECORDS_OFFSET + 3,
                (byte) (buffer.get(start + RecordBatchDescriptor.RECORDS_OFFSET + 3) ^ 0x55)));

        ProduceResponseData.PartitionProduceResponse response = send(bytes);

        assertThat(response.errorCode()).isEqualTo(Errors.CORRUPT_MESSAGE.code());
        assertThat(response.errorMessage()).contains("CRC");
        assertThat(logEnd()).isZero();
        assertHealthyProducerUnaffected();
    }

    @Test
    void aBatchWithAWrongMagicIsRefusedAsCorrupt() throws Exception {
        ByteBuffer bytes = tampered(idempotentBatch(1, 0, "payload"),
            (buffer, start) -> buffer.put(start + RecordBatchDescriptor.MAGIC_OFFSET, (byte) 7));

        ProduceResponseData.PartitionProduceResponse response = send(bytes);

        assertThat(response.errorCode()).isNotEqualTo(Errors.NONE.code());
        assertThat(logEnd()).isZero();
        assertHealthyProducerUnaffected();
    }

    private long logEnd() {
        return broker.broker().logManager().getLog(new io.sluice.log.storage.TopicPartition(TOPIC, 0))
            .orElseThrow().logEndOffset();
    }
}
