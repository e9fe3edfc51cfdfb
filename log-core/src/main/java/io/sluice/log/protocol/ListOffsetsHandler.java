package io.sluice.log.protocol;

import io.sluice.log.cluster.LocalPartitions;
import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.ErrorMapping;
import io.sluice.log.server.RequestContext;
import io.sluice.log.storage.PartitionLog;
import io.sluice.log.storage.TimestampAndOffset;
import io.sluice.log.storage.TopicPartition;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ListOffsetsRequest;
import org.apache.kafka.common.requests.ListOffsetsResponse;

/**
 * ListOffsets: earliest (the log start offset), latest (the high watermark: consumers never see past it), the
 * record with the largest timestamp, or the first record at or after a timestamp (offset -1 when none is older
 * than the high watermark). Tiered-storage lookups answer as a broker without tiered storage does.
 */
public final class ListOffsetsHandler implements ApiHandler {
    private static final short FIRST_VERSION_WITH_LEADER_EPOCH = 4;

    private final LocalPartitions partitions;

    public ListOffsetsHandler(LocalPartitions partitions) {
        this.partitions = partitions;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.LIST_OFFSETS;
    }

    @Override
    public CompletableFuture<ListOffsetsResponse> handle(RequestContext context, AbstractRequest request) {
        ListOffsetsRequestData data = ((ListOffsetsRequest) request).data();
        ListOffsetsResponseData response = new ListOffsetsResponseData();
        for (ListOffsetsRequestData.ListOffsetsTopic topic : data.topics()) {
            ListOffsetsResponseData.ListOffsetsTopicResponse topicResponse =
                new ListOffsetsResponseData.ListOffsetsTopicResponse().setName(topic.name());
            for (ListOffsetsRequestData.ListOffsetsPartition partition : topic.partitions()) {
                topicResponse.partitions().add(lookup(new TopicPartition(topic.name(), partition.partitionIndex()),
                    partition.timestamp(), context.apiVersion()));
            }
            response.topics().add(topicResponse);
        }
        return CompletableFuture.completedFuture(new ListOffsetsResponse(response));
    }

    private ListOffsetsResponseData.ListOffsetsPartitionResponse lookup(TopicPartition tp, long timestamp,
                                                                        short version) {
        ListOffsetsResponseData.ListOffsetsPartitionResponse out =
            new ListOffsetsResponseData.ListOffsetsPartitionResponse().setPartitionIndex(tp.partition());
        try {
            PartitionLog log = partitions.log(tp);
            long highWatermark = partitions.highWatermark(log);
            Optional<TimestampAndOffset> found;
            if (timestamp == ListOffsetsRequest.EARLIEST_TIMESTAMP
                || timestamp == ListOffsetsRequest.EARLIEST_LOCAL_TIMESTAMP) {
                found = Optional.of(new TimestampAndOffset(-1L, log.logStartOffset(), LocalPartitions.LEADER_EPOCH));
            } else if (timestamp == ListOffsetsRequest.LATEST_TIMESTAMP
                || timestamp == ListOffsetsRequest.LATEST_TIERED_TIMESTAMP) {
                found = Optional.of(new TimestampAndOffset(-1L, highWatermark, LocalPartitions.LEADER_EPOCH));
            } else if (timestamp == ListOffsetsRequest.MAX_TIMESTAMP) {
                found = log.maxTimestampAndOffset().filter(hit -> hit.offset() < highWatermark);
            } else if (timestamp >= 0) {
                found = log.offsetForTimestamp(timestamp).filter(hit -> hit.offset() < highWatermark);
            } else {
                return out.setErrorCode(Errors.INVALID_REQUEST.code()).setOffset(-1).setTimestamp(-1);
            }
            out.setErrorCode(Errors.NONE.code())
                .setTimestamp(found.map(TimestampAndOffset::timestamp).orElse(-1L))
                .setOffset(found.map(TimestampAndOffset::offset).orElse(-1L));
            if (version >= FIRST_VERSION_WITH_LEADER_EPOCH) {
                // Older versions have no such field: the codec refuses to write a non-default value and the
                // connection would be dropped (librdkafka asks with v2 for "-o beginning").
                out.setLeaderEpoch(found.map(TimestampAndOffset::leaderEpoch).orElse(-1));
            }
            return out;
        } catch (RuntimeException e) {
            return out.setErrorCode(ErrorMapping.toError(e).code()).setOffset(-1).setTimestamp(-1);
        }
    }
}
