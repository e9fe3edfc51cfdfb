package io.sluice.log.protocol;

import io.sluice.log.cluster.ProducerIdManager;
import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.RequestContext;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.InitProducerIdRequest;
import org.apache.kafka.common.requests.InitProducerIdResponse;

/**
 * InitProducerId for idempotent producers: a fresh producer id at epoch 0, or — when a producer asks to bump the
 * epoch of the id it has (KIP-360, after a sequence error) — the same id one epoch up, or a fresh id when the
 * epoch would overflow. Transactional ids are refused (UNSUPPORTED_VERSION, which the producer reports as "transactions not supported")
 * until the broker has transactions.
 */
public final class InitProducerIdHandler implements ApiHandler {
    private final ProducerIdManager producerIds;

    public InitProducerIdHandler(ProducerIdManager producerIds) {
        this.producerIds = producerIds;
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.INIT_PRODUCER_ID;
    }

    @Override
    public CompletableFuture<InitProducerIdResponse> handle(RequestContext context, AbstractRequest request) {
        InitProducerIdRequestData data = ((InitProducerIdRequest) request).data();
        InitProducerIdResponseData response = new InitProducerIdResponseData();
        if (data.transactionalId() != null) {
            response.setErrorCode(Errors.UNSUPPORTED_VERSION.code()).setProducerId(-1)
                .setProducerEpoch((short) -1);
        } else if (data.producerId() >= 0 && data.producerEpoch() >= 0 && data.producerEpoch() < Short.MAX_VALUE - 1) {
            response.setErrorCode(Errors.NONE.code()).setProducerId(data.producerId())
                .setProducerEpoch((short) (data.producerEpoch() + 1));
        } else {
            response.setErrorCode(Errors.NONE.code()).setProducerId(producerIds.nextProducerId())
                .setProducerEpoch((short) 0);
        }
        return CompletableFuture.completedFuture(new InitProducerIdResponse(response));
    }
}
