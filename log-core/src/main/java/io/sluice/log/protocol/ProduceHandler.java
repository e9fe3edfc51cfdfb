package io.sluice.log.protocol;

import io.sluice.log.cluster.LocalPartitions;
import io.sluice.log.cluster.TopicMetadata;
import io.sluice.log.cluster.TopicRegistry;
import io.sluice.log.errors.UnknownTopicOrPartitionException;
import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.ErrorMapping;
import io.sluice.log.server.RequestContext;
import io.sluice.log.storage.AppendOrigin;
import io.sluice.log.storage.AppendResult;
import io.sluice.log.storage.PartitionLog;
import io.sluice.log.storage.TopicPartition;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;

/**
 * Produce: appends each partition's batches as they were produced (compression kept; the log validates them
 * and assigns offsets) and answers per partition.
 *
 * <ul>
 *   <li>acks=0 and acks=1 answer once the batches are appended; acks=all (-1) answers once they are fsynced —
 *   the log's group commit — or with REQUEST_TIMED_OUT for a partition not durable within the request's
 *   timeout. With one replica, a topic whose {@code min.insync.replicas} is above 1 refuses acks=all writes
 *   with NOT_ENOUGH_REPLICAS, as Kafka does when the ISR is too small.</li>
 *   <li>An idempotent producer's retry of a batch already written answers with the original offsets.</li>
 *   <li>Transactions are not supported yet: a transactional request is refused per partition.</li>
 * </ul>
 * Runs on a request thread (appends touch the disk); durability futures complete on flusher threads.
 */
public final class ProduceHandler implements ApiHandler {
    private final TopicRegistry topics;
    private final LocalPartitions partitions;

    public ProduceHandler(TopicRegistry topics, LocalPartitions partitions) {
        this.topics = topics;
        this.partitions = partitions;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.PRODUCE;
    }

    /** The records are written to the log before {@link #handle} returns; the response holds no view of them. */
    @Override
    public boolean releasesRequestOnReturn() {
        return true;
    }

    @Override
    public CompletableFuture<ProduceResponse> handle(RequestContext context, AbstractRequest request) {
        ProduceRequestData data = ((ProduceRequest) request).data();
        short acks = data.acks();
        if (acks != 0 && acks != 1 && acks != -1) {
            return CompletableFuture.completedFuture((ProduceResponse) request.getErrorResponse(
                Errors.INVALID_REQUIRED_ACKS.exception("acks must be 0, 1 or -1 (all), not " + acks)));
        }
        ProduceResponseData response = new ProduceResponseData();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (ProduceRequestData.TopicProduceData topicData : data.topicData()) {
            ProduceResponseData.TopicProduceResponse topicResponse = new ProduceResponseData.TopicProduceResponse()
                .setName(topicData.name()).setTopicId(topicData.topicId());
            String name = topicName(topicData);
            for (ProduceRequestData.PartitionProduceData partitionData : topicData.partitionData()) {
                ProduceResponseData.PartitionProduceResponse partitionResponse =
                    new ProduceResponseData.PartitionProduceResponse().setIndex(partitionData.index());
                topicResponse.partitionResponses().add(partitionResponse);
                CompletableFuture<Void> done = produce(name, topicData, partitionData, data, partitionResponse);
                if (done != null) {
                    pending.add(done);
                }
            }
            response.responses().add(topicResponse);
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
            .thenApply(ignored -> new ProduceResponse(response));
    }

    private String topicName(ProduceRequestData.TopicProduceData topicData) {
        if (topicData.topicId() != null && !topicData.topicId().equals(Uuid.ZERO_UUID)) {
            return topics.topic(Uuids.fromKafka(topicData.topicId())).map(TopicMetadata::name).orElse(null);
        }
        return topicData.name();
    }

    /** Appends one partition's batches; returns a future when the answer must wait for durability, else null. */
    private CompletableFuture<Void> produce(String topic, ProduceRequestData.TopicProduceData topicData,
                                           ProduceRequestData.PartitionProduceData partitionData,
                                           ProduceRequestData data,
                                           ProduceResponseData.PartitionProduceResponse out) {
        try {
            if (topic == null) {
                throw new UnknownTopicOrPartitionException("No topic with id " + topicData.topicId());
            }
            if (data.transactionalId() != null) {
                setError(out, Errors.INVALID_REQUEST, "Transactions are not supported by this broker yet");
                return null;
            }
            TopicPartition tp = new TopicPartition(topic, partitionData.index());
            PartitionLog log = partitions.log(tp);
            if (data.acks() == -1 && log.config().minInsyncReplicas > 1) {
                setError(out, Errors.NOT_ENOUGH_REPLICAS, "min.insync.replicas=" + log.config().minInsyncReplicas
                    + " but this partition has 1 in-sync replica");
                return null;
            }
            MemoryRecords records = (MemoryRecords) partitionData.records();
            ByteBuffer batches = records == null ? ByteBuffer.allocate(0) : records.buffer();
            AppendResult result = log.appendAsLeader(batches, LocalPartitions.LEADER_EPOCH, AppendOrigin.CLIENT);
            out.setErrorCode(Errors.NONE.code())
                .setBaseOffset(result.firstOffset())
                .setLogAppendTimeMs(result.logAppendTimeMs())
                .setLogStartOffset(result.logStartOffset());
            partitions.highWatermarkMayHaveAdvanced(tp);
            result.durable().thenRun(() -> partitions.highWatermarkMayHaveAdvanced(tp));
            if (data.acks() != -1) {
                return null;
            }
            return result.durable()
                .orTimeout(Math.max(data.timeoutMs(), 0), TimeUnit.MILLISECONDS)
                .handle((ignored, failure) -> {
                    if (failure != null) {
                        boolean timedOut = failure instanceof TimeoutException
                            || failure.getCause() instanceof TimeoutException;
                        setError(out, timedOut ? Errors.REQUEST_TIMED_OUT : ErrorMapping.toError(failure),
                            timedOut ? "Not durable within " + data.timeoutMs() + " ms" : ErrorMapping.message(failure));
                    }
                    return null;
                });
        } catch (RuntimeException failure) {
            setError(out, ErrorMapping.toError(failure), ErrorMapping.message(failure));
            return null;
        }
    }

    private static void setError(ProduceResponseData.PartitionProduceResponse out, Errors error, String message) {
        out.setErrorCode(error.code()).setErrorMessage(message).setBaseOffset(-1).setLogAppendTimeMs(-1)
            .setLogStartOffset(-1);
    }
}
