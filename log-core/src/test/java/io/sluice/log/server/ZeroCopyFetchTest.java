package io.sluice.log.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.FileRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetch responses whose records live in a file reach the client byte for byte through the FileRegion/sendfile
 * path — including responses far larger than the socket buffer, which take many partial writes.
 */
class ZeroCopyFetchTest {
    private static final int JUNK_PREFIX = 137; // records start mid-file, so positions are exercised
    private static final Uuid TOPIC_ID = Uuid.randomUuid();

    @TempDir
    Path dir;

    private final AtomicReference<BaseRecords> answer = new AtomicReference<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void recordsFromAFileSliceAreSentZeroCopyAndArriveIntact() throws IOException {
        MemoryRecords records = records(5, 100);
        Path file = writeWithPrefix(records);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        resources.add(channel);
        answer.set(new FileSliceRecords(channel, JUNK_PREFIX, records.sizeInBytes()));

        MemoryRecords received = fetch();

        assertThat(received.buffer()).isEqualTo(records.buffer());
        assertThat(received.records()).extracting(Record::offset).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void aResponseMuchLargerThanTheSocketBufferIsWrittenInPiecesWithoutLosingBytes() throws IOException {
        MemoryRecords records = records(8, 1024 * 1024);
        Path file = writeWithPrefix(records);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        resources.add(channel);
        answer.set(new FileSliceRecords(channel, JUNK_PREFIX, records.sizeInBytes()));

        MemoryRecords received = fetch();

        assertThat(received.sizeInBytes()).isEqualTo(records.sizeInBytes());
        assertThat(received.buffer()).isEqualTo(records.buffer());
    }

    @Test
    void kafkaClientsFileRecordsSlicesTakeTheSamePath() throws IOException {
        MemoryRecords records = records(3, 500);
        Path file = writeWithPrefix(records);
        FileRecords fileRecords = FileRecords.open(file.toFile(), false);
        resources.add(fileRecords);
        answer.set(fileRecords.slice(JUNK_PREFIX, records.sizeInBytes()));

        MemoryRecords received = fetch();

        assertThat(received.buffer()).isEqualTo(records.buffer());
    }

    private MemoryRecords fetch() throws IOException {
        int[] port = new int[1];
        ApiHandler fetchHandler = TestHandlers.handler(ApiKeys.FETCH, (ctx, request) -> {
            FetchResponseData.PartitionData partition = new FetchResponseData.PartitionData().setPartitionIndex(0)
                .setHighWatermark(100).setRecords(answer.get());
            FetchResponseData.FetchableTopicResponse topic = new FetchResponseData.FetchableTopicResponse()
                .setTopic("t").setTopicId(TOPIC_ID).setPartitions(List.of(partition));
            return FetchResponse.of(new FetchResponseData().setResponses(List.of(topic)));
        });
        SocketServer server = new SocketServer("localhost", 0, 1024 * 1024, 1, 1, 2_000, List.of(fetchHandler));
        resources.add(server);
        server.start();
        port[0] = server.boundPort();
        RawClient client = new RawClient(server.boundPort());
        resources.add(client);
        short version = ApiKeys.FETCH.latestVersion();

        client.send(FetchRequest.Builder.forConsumer(version, 100, 1, Map.of()).build(version), 11);
        RawClient.Response response = client.receive(ApiKeys.FETCH, version);

        assertThat(response.correlationId()).isEqualTo(11);
        assertThat(response.trailingBytes()).isZero();
        FetchResponseData.FetchableTopicResponse topic = ((FetchResponse) response.body()).data().responses().get(0);
        assertThat(topic.topicId()).isEqualTo(TOPIC_ID);
        return (MemoryRecords) FetchResponse.recordsOrFail(topic.partitions().get(0));
    }

    private Path writeWithPrefix(MemoryRecords records) throws IOException {
        Path file = dir.resolve("00000000000000000000.log");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteBuffer junk = ByteBuffer.allocate(JUNK_PREFIX);
            new Random(7).nextBytes(junk.array());
            channel.write(junk);
            ByteBuffer bytes = records.buffer().duplicate();
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
        return file;
    }

    private static MemoryRecords records(int count, int valueBytes) {
        Random random = new Random(count);
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            byte[] value = new byte[valueBytes];
            random.nextBytes(value);
            records[i] = new SimpleRecord(("key-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
        }
        return MemoryRecords.withRecords(0L, Compression.NONE, records);
    }
}
