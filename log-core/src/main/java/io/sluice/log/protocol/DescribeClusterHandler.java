package io.sluice.log.protocol;

import io.sluice.log.server.ApiHandler;
import io.sluice.log.server.RequestContext;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.requests.DescribeClusterResponse;
import org.apache.kafka.common.utils.Utils;

/**
 * DescribeCluster (v0–v2) for a single node: the cluster id, this node as the only broker and as the
 * "controller" (Kafka's brokers also answer a broker id there, since clients cannot reach a KRaft controller),
 * no rack, never fenced.
 *
 * <p>Endpoint types (v1+) as a Kafka broker listener answers them: 1 (brokers) is served; 2 (controllers) is
 * {@code MISMATCHED_ENDPOINT_TYPE}; any other value is {@code UNSUPPORTED_ENDPOINT_TYPE}; on v0, where the field
 * does not exist, either refusal would be {@code INVALID_REQUEST}.
 *
 * <p>Authorized operations are the schema's "not requested" value unless the client asks; then, with no
 * authorizer yet, every operation Kafka defines on a cluster is allowed.
 *
 * <p>Threading: stateless apart from the advertised endpoint supplier, which must be thread-safe.
 */
public final class DescribeClusterHandler implements ApiHandler {
    static final short OLDEST_VERSION = 0;
    static final short LATEST_VERSION = 2;
    static final byte ENDPOINT_TYPE_BROKER = 1;
    static final byte ENDPOINT_TYPE_CONTROLLER = 2;
    /** The schema default: "authorized operations were not requested". */
    static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;
    /** Kafka's cluster-level ACL operations; all allowed while there is no authorizer. */
    static final int ALL_CLUSTER_OPERATIONS = Utils.to32BitField(Set.of(AclOperation.CREATE, AclOperation.ALTER,
            AclOperation.DESCRIBE, AclOperation.CLUSTER_ACTION, AclOperation.DESCRIBE_CONFIGS,
            AclOperation.ALTER_CONFIGS, AclOperation.IDEMPOTENT_WRITE)
        .stream().map(AclOperation::code).collect(Collectors.toSet()));

    private final String clusterId;
    private final int nodeId;
    private final Supplier<InetSocketAddress> advertisedListener;

    /**
     * @param advertisedListener the host and port clients should connect to; a supplier because an embedded
     *                           broker may bind port 0 and learn its port only after this handler exists
     */
    public DescribeClusterHandler(String clusterId, int nodeId, Supplier<InetSocketAddress> advertisedListener) {
        this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
        this.nodeId = nodeId;
        this.advertisedListener = Objects.requireNonNull(advertisedListener, "advertisedListener");
    }

    public DescribeClusterHandler(String clusterId, int nodeId, String advertisedHost, int advertisedPort) {
        this(clusterId, nodeId, () -> InetSocketAddress.createUnresolved(advertisedHost, advertisedPort));
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.DESCRIBE_CLUSTER;
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
    public CompletableFuture<DescribeClusterResponse> handle(RequestContext context, AbstractRequest request) {
        var data = ((DescribeClusterRequest) request).data();
        boolean v0 = request.version() == 0;
        byte endpointType = data.endpointType();
        if (endpointType != ENDPOINT_TYPE_BROKER && endpointType != ENDPOINT_TYPE_CONTROLLER) {
            return refuse(v0 ? Errors.INVALID_REQUEST : Errors.UNSUPPORTED_ENDPOINT_TYPE,
                "Unsupported endpoint type " + endpointType);
        }
        if (endpointType == ENDPOINT_TYPE_CONTROLLER) {
            return refuse(v0 ? Errors.INVALID_REQUEST : Errors.MISMATCHED_ENDPOINT_TYPE,
                "The request was sent to an endpoint of type BROKER, but asked for an endpoint of type CONTROLLER");
        }
        InetSocketAddress listener = advertisedListener.get();
        var response = new DescribeClusterResponseData()
            .setErrorCode(Errors.NONE.code())
            .setEndpointType(ENDPOINT_TYPE_BROKER)
            .setClusterId(clusterId)
            .setControllerId(nodeId)
            .setClusterAuthorizedOperations(data.includeClusterAuthorizedOperations() ? ALL_CLUSTER_OPERATIONS
                : AUTHORIZED_OPERATIONS_OMITTED);
        response.brokers().add(new DescribeClusterBroker()
            .setBrokerId(nodeId)
            .setHost(listener.getHostString())
            .setPort(listener.getPort())
            .setRack(null)
            .setIsFenced(false));
        return CompletableFuture.completedFuture(new DescribeClusterResponse(response));
    }

    private static CompletableFuture<DescribeClusterResponse> refuse(Errors error, String message) {
        return CompletableFuture.completedFuture(new DescribeClusterResponse(new DescribeClusterResponseData()
            .setErrorCode(error.code())
            .setErrorMessage(message)));
    }
}
