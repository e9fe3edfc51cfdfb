package io.sluice.log.protocol;

import io.sluice.log.cluster.LocalPartitions;
import io.sluice.log.errors.OffsetOutOfRangeException;
import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.RequestContext;
import io.sluice.log.storage.PartitionLog;
import io.sluice.log.storage.TopicPartition;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsPartition;
import org.apache.kafka.common.message.DeleteRecordsRequestData.DeleteRecordsTopic;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsPartitionResult;
import org.apache.kafka.common.message.DeleteRecordsResponseData.DeleteRecordsTopicResult;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.DeleteRecordsRequest;
import org.apache.kafka.common.requests.DeleteRecordsResponse;

/**
 * DeleteRecords (v0–v2): advances each partition's log start offset ("low watermark") to the requested offset,
 * deleting the segments wholly below it, and answers the new log start offset.
 *
 * <p>Per partition, as on Kafka: offset -1 means the high watermark; an offset above the high watermark, or
 * negative, is {@code OFFSET_OUT_OF_RANGE} (records a consumer cannot see yet may not be deleted); an offset at
 * or below the current start changes nothing; an unknown topic or partition is {@code UNKNOWN_TOPIC_OR_PARTITION};
 * a topic whose {@code cleanup.policy} lacks {@code delete} is {@code POLICY_VIOLATION}; broker-managed topics
 * are {@code INVALID_TOPIC_EXCEPTION}. Failed partitions report low watermark -1.
 *
 * <p>Single node: no follower has to catch up, so the answer is immediate and {@code timeoutMs} is not used.
 * Threading: called on request threads; {@link PartitionLog#deleteRecordsBefore} takes the log's write lock.
 */
public final class DeleteRecordsHandler implements ApiHandler {
    static final short OLDEST_VERSION = 0;
    static final short LATEST_VERSION = 2;
    static final long INVALID_LOW_WATERMARK = -1L;

    private final LocalPartitions partitions;

    public DeleteRecordsHandler(LocalPartitions partitions) {
        this.partitions = partitions;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DELETE_RECORDS;
    }

    @Override
    public short oldestVersion() {
        return OLDEST_VERSION;
    }

    @Override
    public short latestVersion() {
        return LATEST_VERSION;
    }

    @Override
    public CompletableFuture<DeleteRecordsResponse> handle(RequestContext context, AbstractRequest request) {
        var data = ((DeleteRecordsRequest) request).data();
        var response = new DeleteRecordsResponseData();
        for (DeleteRecordsTopic topic : data.topics()) {
            var topicResult = response.topics().find(topic.name());
            if (topicResult == null) {
                topicResult = new DeleteRecordsTopicResult().setName(topic.name());
                response.topics().add(topicResult);
            }
            for (DeleteRecordsPartition partition : topic.partitions()) {
                topicResult.partitions().add(delete(topic.name(), partition.partitionIndex(), partition.offset()));
            }
        }
        return CompletableFuture.completedFuture(new DeleteRecordsResponse(response));
    }

    private DeleteRecordsPartitionResult delete(String topic, int partition, long requestedOffset) {
        var result = new DeleteRecordsPartitionResult().setPartitionIndex(partition);
        if (topic.isEmpty() || partition < 0) {
            // Not a partition that can exist; TopicPartition would refuse it with an IllegalArgumentException.
            return result.setLowWatermark(INVALID_LOW_WATERMARK).setErrorCode(Errors.UNKNOWN_TOPIC_OR_PARTITION.code());
        }
        if (BrokerManagedTopics.contains(topic)) {
            return result.setLowWatermark(INVALID_LOW_WATERMARK).setErrorCode(Errors.INVALID_TOPIC_EXCEPTION.code());
        }
        TopicPartition tp = new TopicPartition(topic, partition);
        try {
            PartitionLog log = partitions.log(tp);
            if (!log.config().delete) {
                return result.setLowWatermark(INVALID_LOW_WATERMARK).setErrorCode(Errors.POLICY_VIOLATION.code());
            }
            long highWatermark = partitions.highWatermark(log);
            long offset = requestedOffset == DeleteRecordsRequest.HIGH_WATERMARK ? highWatermark : requestedOffset;
            if (offset < 0 || offset > highWatermark) {
                throw new OffsetOutOfRangeException("Cannot delete records of " + tp + " before offset "
                    + requestedOffset + ": it must be between 0 and the high watermark " + highWatermark);
            }
            return result.setLowWatermark(log.deleteRecordsBefore(offset)).setErrorCode(Errors.NONE.code());
        } catch (RuntimeException e) {
            // The schema has no error message here; AdminErrors still logs the unexpected ones.
            return result.setLowWatermark(INVALID_LOW_WATERMARK).setErrorCode(AdminErrors.toApiError(e).error().code());
        }
    }
}
