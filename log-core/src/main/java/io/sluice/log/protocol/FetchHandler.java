package io.sluice.log.protocol;

import io.sluice.log.cluster.LocalPartitions;
import io.sluice.log.cluster.TopicMetadata;
import io.sluice.log.cluster.TopicRegistry;
import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.DelayedOperation;
import io.sluice.log.server.DelayedOperationPurgatory;
import io.sluice.log.server.ErrorMapping;
import io.sluice.log.server.FileSliceRecords;
import io.sluice.log.server.RequestContext;
import io.sluice.log.storage.FetchResult;
import io.sluice.log.storage.LogOffsetMetadata;
import io.sluice.log.storage.PartitionLog;
import io.sluice.log.storage.TopicPartition;
import java.util.ArrayList;
import java.util.List;
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
 * <p>A fetch that finds fewer than {@code min.bytes} waits in the purgatory (see {@link DelayedFetch}) until a
 * producer's append — or, for a durable topic, its fsync — moves a watched partition's high watermark, or until
 * {@code max.wait.ms}. Records are handed to the server as {@link FileSliceRecords}: sent with sendfile, never
 * copied into the heap.
 *
 * <p>Leader epochs: a request naming a newer epoch than ours gets UNKNOWN_LEADER_EPOCH, an older one
 * FENCED_LEADER_EPOCH (the client refreshes its metadata).
 */
public final class FetchHandler implements ApiHandler {
    private final TopicRegistry topics;
    private final LocalPartitions partitions;
    private final DelayedOperationPurgatory<DelayedFetch> purgatory;

    /**
     * @param purgatory where fetches wait for {@code min.bytes} or {@code max.wait.ms}; the caller checks it with
     *                  a partition as key whenever that partition's high watermark may have moved
     */
    public FetchHandler(TopicRegistry topics, LocalPartitions partitions,
                        DelayedOperationPurgatory<DelayedFetch> purgatory) {
        this.topics = topics;
        this.partitions = partitions;
        this.purgatory = purgatory;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.FETCH;
    }

    @Override
    public CompletableFuture<FetchResponse> handle(RequestContext context, AbstractRequest request) {
        FetchRequestData data = ((FetchRequest) request).data();
        DelayedFetch fetch = new DelayedFetch(data);
        List<TopicPartition> watched = new ArrayList<>();
        for (FetchRequestData.FetchTopic topic : data.topics()) {
            String name = topicName(topic);
            if (name != null) {
                topic.partitions().forEach(partition -> watched.add(new TopicPartition(name, partition.partition())));
            }
        }
        purgatory.tryCompleteElseWatch(fetch, watched);
        return fetch.result;
    }

    /**
     * A fetch waiting until its partitions hold {@code min.bytes} below their high watermarks, or until
     * {@code max.wait.ms}: then it answers with whatever there is (possibly nothing). Reads are cheap to repeat:
     * they look up positions and hand out file slices, they copy no record bytes.
     */
    public final class DelayedFetch extends DelayedOperation {
        private final FetchRequestData data;
        private final CompletableFuture<FetchResponse> result = new CompletableFuture<>();
        private FetchResponseData ready;

        DelayedFetch(FetchRequestData data) {
            super(Math.max(0, data.maxWaitMs()));
            this.data = data;
        }

        @Override
        protected boolean tryComplete() {
            FetchResponseData response = read(data);
            if (bytesIn(response) >= data.minBytes() || delayMs() == 0 || hasError(response)) {
                ready = response;
                return true;
            }
            return false;
        }

        @Override
        protected void onComplete() {
            FetchResponseData response = ready != null ? ready : read(data);
            result.complete(FetchResponse.of(response));
        }
    }

    private static int bytesIn(FetchResponseData response) {
        int bytes = 0;
        for (FetchResponseData.FetchableTopicResponse topic : response.responses()) {
            for (FetchResponseData.PartitionData partition : topic.partitions()) {
                bytes += partition.records() == null ? 0 : partition.records().sizeInBytes();
            }
        }
        return bytes;
    }

    private static boolean hasError(FetchResponseData response) {
        return response.responses().stream().flatMap(topic -> topic.partitions().stream())
            .anyMatch(partition -> partition.errorCode() != Errors.NONE.code());
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
            // Zero-copy: the response carries the file range; the server sends it with sendfile.
            FileSliceRecords records = FileSliceRecords.of(result.slice());
            out.setErrorCode(Errors.NONE.code()).setRecords(records);
            return records.sizeInBytes();
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
