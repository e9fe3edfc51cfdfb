package io.sluice.log.protocol;

import io.sluice.log.cluster.LocalPartitions;
import io.sluice.log.cluster.TopicMetadata;
import io.sluice.log.cluster.TopicRegistry;
import io.sluice.log.errors.OffsetOutOfRangeException;
import io.sluice.log.errors.UnknownTopicOrPartitionException;
import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.ErrorMapping;
import io.sluice.log.server.RequestContext;
import io.sluice.log.storage.FetchResult;
import io.sluice.log.storage.LogOffsetMetadata;
import io.sluice.log.storage.PartitionLog;
import io.sluice.log.storage.TopicPartition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.FetchResponse;

/**
 * Fetch, sessionless (every answer has session id 0, so clients send full requests): for each partition, the
 * batches from the fetch offset up to the high watermark — the durable end for durable topics, see
 * {@link LocalPartitions} — within the per-partition and per-request byte limits. The first partition with
 * data returns at least one whole batch even over the limits, as Kafka does, so a consumer can always progress.
 *
 * <p>Leader epochs: a request naming a newer epoch than ours gets UNKNOWN_LEADER_EPOCH, an older one
 * FENCED_LEADER_EPOCH (the client refreshes its metadata).
 */
public final class FetchHandler implements ApiHandler {
    private final TopicRegistry topics;
    private final LocalPartitions partitions;

    public FetchHandler(TopicRegistry topics, LocalPartitions partitions) {
        this.topics = topics;
        this.partitions = partitions;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.FETCH;
    }

    @Override
    public CompletableFuture<FetchResponse> handle(RequestContext context, AbstractRequest request) {
        return CompletableFuture.completedFuture(FetchResponse.of(read(((FetchRequest) request).data())));
    }

    /** Reads every requested partition now; the total bytes read are what delayed fetches compare to min.bytes. */
    FetchResponseData read(FetchRequestData data) {
        FetchResponseData response = new FetchResponseData().setErrorCode(Errors.NONE.code()).setSessionId(0);
        int bytesLeft = data.maxBytes() <= 0 ? Integer.MAX_VALUE : data.maxBytes();
        boolean anyData = false;
        for (FetchRequestData.FetchTopic topic : data.topics()) {
            String name = topicName(topic);
            FetchResponseData.FetchableTopicResponse topicResponse = new FetchResponseData.FetchableTopicResponse()
                .setTopic(name == null ? topic.topic() : name).setTopicId(topic.topicId());
            for (FetchRequestData.FetchPartition partition : topic.partitions()) {
                FetchResponseData.PartitionData out = new FetchResponseData.PartitionData()
                    .setPartitionIndex(partition.partition());
                topicResponse.partitions().add(out);
                if (name == null) {
                    fail(out, Errors.UNKNOWN_TOPIC_ID);
                    continue;
                }
                int read = readPartition(new TopicPartition(name, partition.partition()), partition,
                    Math.min(bytesLeft, partition.partitionMaxBytes()), !anyData, out);
                bytesLeft = Math.max(0, bytesLeft - read);
                anyData |= read > 0;
            }
            response.responses().add(topicResponse);
        }
        return response;
    }

    private String topicName(FetchRequestData.FetchTopic topic) {
        if (topic.topicId() != null && !topic.topicId().equals(Uuid.ZERO_UUID)) {
            return topics.topic(Uuids.fromKafka(topic.topicId())).map(TopicMetadata::name).orElse(null);
        }
        return topic.topic();
    }

    private int readPartition(TopicPartition tp, FetchRequestData.FetchPartition partition, int maxBytes,
                              boolean minOneBatch, FetchResponseData.PartitionData out) {
        try {
            PartitionLog log = partitions.log(tp);
            LogOffsetMetadata highWatermark = partitions.highWatermarkMetadata(log);
            out.setHighWatermark(highWatermark.offset())
                .setLastStableOffset(highWatermark.offset())
                .setLogStartOffset(log.logStartOffset())
                .setPreferredReadReplica(-1);
            int epoch = partition.currentLeaderEpoch();
            if (epoch > LocalPartitions.LEADER_EPOCH) {
                fail(out, Errors.UNKNOWN_LEADER_EPOCH);
                return 0;
            }
            if (epoch >= 0 && epoch < LocalPartitions.LEADER_EPOCH) {
                fail(out, Errors.FENCED_LEADER_EPOCH);
                return 0;
            }
            FetchResult result = log.read(partition.fetchOffset(), maxBytes, highWatermark, minOneBatch);
            MemoryRecords records = MemoryRecords.readableRecords(result.slice().length() == 0
                ? java.nio.ByteBuffer.allocate(0) : result.slice().readFully());
            out.setErrorCode(Errors.NONE.code()).setRecords(records);
            return records.sizeInBytes();
        } catch (UnknownTopicOrPartitionException | OffsetOutOfRangeException e) {
            fail(out, ErrorMapping.toError(e));
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Fetch of " + tp + " failed", e);
        } catch (RuntimeException e) {
            fail(out, ErrorMapping.toError(e));
            return 0;
        }
    }

    private static void fail(FetchResponseData.PartitionData out, Errors error) {
        out.setErrorCode(error.code()).setHighWatermark(-1).setLastStableOffset(-1).setLogStartOffset(-1)
            .setRecords(MemoryRecords.EMPTY);
    }
}
