package io.sluice.log.server;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.DescribeClusterResponse;
import org.apache.kafka.common.requests.MetadataResponse;

/** Tiny fixed-answer handlers, enough for real kafka-clients to bootstrap against the server. */
final class TestHandlers {
    static final String CLUSTER_ID = "sluice-test-cluster";
    static final int NODE_ID = 0;

    private TestHandlers() {
    }

    /** Metadata: this one broker (at the given port), no topics. */
    static ApiHandler metadata(int[] port) {
        return handler(ApiKeys.METADATA, (ctx, request) -> {
            MetadataResponseData.MetadataResponseBrokerCollection brokers =
                new MetadataResponseData.MetadataResponseBrokerCollection();
            brokers.add(new MetadataResponseData.MetadataResponseBroker().setNodeId(NODE_ID).setHost("localhost")
                .setPort(port[0]));
            return new MetadataResponse(new MetadataResponseData().setBrokers(brokers).setClusterId(CLUSTER_ID)
                .setControllerId(NODE_ID), ctx.apiVersion());
        });
    }

    /** DescribeCluster: this one broker. */
    static ApiHandler describeCluster(int[] port) {
        return handler(ApiKeys.DESCRIBE_CLUSTER, (ctx, request) -> {
            DescribeClusterResponseData.DescribeClusterBrokerCollection brokers =
                new DescribeClusterResponseData.DescribeClusterBrokerCollection();
            brokers.add(new DescribeClusterResponseData.DescribeClusterBroker().setBrokerId(NODE_ID)
                .setHost("localhost").setPort(port[0]));
            return new DescribeClusterResponse(new DescribeClusterResponseData().setBrokers(brokers)
                .setClusterId(CLUSTER_ID).setControllerId(NODE_ID));
        });
    }

    static ApiHandler handler(ApiKeys apiKey, Answer answer) {
        return new ApiHandler() {
            @Override
            public ApiKeys apiKey() {
                return apiKey;
            }

            @Override
            public CompletableFuture<? extends AbstractResponse> handle(RequestContext context,
                                                                        AbstractRequest request) {
                return CompletableFuture.completedFuture(answer.answer(context, request));
            }
        };
    }

    interface Answer {
        AbstractResponse answer(RequestContext context, AbstractRequest request);
    }

    /** A handler whose futures the test completes: each call is queued with its request and future. */
    static final class Controlled implements ApiHandler {
        final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
        private final ApiKeys apiKey;

        Controlled(ApiKeys apiKey) {
            this.apiKey = apiKey;
        }

        @Override
        public ApiKeys apiKey() {
            return apiKey;
        }

        @Override
        public CompletableFuture<? extends AbstractResponse> handle(RequestContext context, AbstractRequest request) {
            CompletableFuture<AbstractResponse> future = new CompletableFuture<>();
            calls.add(new Call(context, request, future));
            return future;
        }

        record Call(RequestContext context, AbstractRequest request, CompletableFuture<AbstractResponse> future) {
            void complete(Function<AbstractRequest, AbstractResponse> answer) {
                future.complete(answer.apply(request));
            }
        }
    }

    static List<ApiHandler> cluster(int[] port) {
        return List.of(metadata(port), describeCluster(port));
    }
}
