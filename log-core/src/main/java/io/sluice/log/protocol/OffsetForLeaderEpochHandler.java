package io.sluice.log.protocol;

import io.sluice.log.cluster.LocalPartitions;
import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.ErrorMapping;
import io.sluice.log.server.RequestContext;
import io.sluice.log.storage.LeaderEpochCache;
import io.sluice.log.storage.PartitionLog;
import io.sluice.log.storage.TopicPartition;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochRequest;
import org.apache.kafka.common.requests.OffsetsForLeaderEpochResponse;

/**
 * OffsetForLeaderEpoch: where a leader epoch ends in this log (the start of the next epoch, or the log end for
 * the current one), from the leader-epoch cache. Consumers use it to detect log truncation after a leader
 * change; followers will use it to find where to truncate.
 */
public final class OffsetForLeaderEpochHandler implements ApiHandler {
    private final LocalPartitions partitions;

    public OffsetForLeaderEpochHandler(LocalPartitions partitions) {
        this.partitions = partitions;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.OFFSET_FOR_LEADER_EPOCH;
    }

    @Override
    public CompletableFuture<OffsetsForLeaderEpochResponse> handle(RequestContext context, AbstractRequest request) {
        OffsetForLeaderEpochRequestData data = ((OffsetsForLeaderEpochRequest) request).data();
        OffsetForLeaderEpochResponseData response = new OffsetForLeaderEpochResponseData();
        for (OffsetForLeaderEpochRequestData.OffsetForLeaderTopic topic : data.topics()) {
            OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult result =
                new OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult().setTopic(topic.topic());
            for (OffsetForLeaderEpochRequestData.OffsetForLeaderPartition partition : topic.partitions()) {
                result.partitions().add(endOffset(new TopicPartition(topic.topic(), partition.partition()), partition));
            }
            response.topics().add(result);
        }
        return CompletableFuture.completedFuture(new OffsetsForLeaderEpochResponse(response));
    }

    private OffsetForLeaderEpochResponseData.EpochEndOffset endOffset(
        TopicPartition tp, OffsetForLeaderEpochRequestData.OffsetForLeaderPartition partition) {
        OffsetForLeaderEpochResponseData.EpochEndOffset out = new OffsetForLeaderEpochResponseData.EpochEndOffset()
            .setPartition(tp.partition()).setLeaderEpoch(-1).setEndOffset(-1);
        try {
            if (partition.currentLeaderEpoch() > LocalPartitions.LEADER_EPOCH) {
                return out.setErrorCode(Errors.UNKNOWN_LEADER_EPOCH.code());
            }
            if (partition.currentLeaderEpoch() >= 0 && partition.currentLeaderEpoch() < LocalPartitions.LEADER_EPOCH) {
                return out.setErrorCode(Errors.FENCED_LEADER_EPOCH.code());
            }
            PartitionLog log = partitions.log(tp);
            LeaderEpochCache.EpochEndOffset end = log.leaderEpochCache()
                .endOffsetFor(partition.leaderEpoch(), log.logEndOffset());
            return out.setErrorCode(Errors.NONE.code()).setLeaderEpoch(end.epoch()).setEndOffset(end.endOffset());
        } catch (RuntimeException e) {
            return out.setErrorCode(ErrorMapping.toError(e).code());
        }
    }
}
