package io.sluice.log.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData.DescribeClusterBroker;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeClusterRequest;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class DescribeClusterHandlerTest {
    private final DescribeClusterHandler handler = new DescribeClusterHandler("sluice-cluster-1", 3, "broker.local",
        9092);

    private DescribeClusterResponseData send(DescribeClusterHandler target, short version,
                                             DescribeClusterRequestData data) {
        DescribeClusterRequest request = new DescribeClusterRequest.Builder(data).build(version);
        var response = target.handle(AdminFixture.context(ApiKeys.DESCRIBE_CLUSTER, version), request).join();
        return AdminFixture.asSeenByClient(response, version).data();
    }

    @Test
    void describesThisNodeAsTheOnlyBrokerAndTheControllerOnTheOldestVersion() {
        DescribeClusterResponseData response = send(handler, DescribeClusterHandler.OLDEST_VERSION,
            new DescribeClusterRequestData());

        assertThat(response.errorCode()).isEqualTo(Errors.NONE.code());
        assertThat(response.errorMessage()).isNull();
        assertThat(response.clusterId()).isEqualTo("sluice-cluster-1");
        assertThat(response.controllerId()).isEqualTo(3);
        assertThat(response.brokers()).singleElement().satisfies(broker -> {
            assertThat(broker.brokerId()).isEqualTo(3);
            assertThat(broker.host()).isEqualTo("broker.local");
            assertThat(broker.port()).isEqualTo(9092);
            assertThat(broker.rack()).isNull();
        });
        assertThat(response.clusterAuthorizedOperations()).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void theLatestVersionAnswersTheBrokerEndpointTypeAndAnUnfencedBroker() {
        DescribeClusterResponseData response = send(handler, DescribeClusterHandler.LATEST_VERSION,
            new DescribeClusterRequestData().setEndpointType(DescribeClusterHandler.ENDPOINT_TYPE_BROKER)
                .setIncludeFencedBrokers(true));

        assertThat(response.endpointType()).isEqualTo(DescribeClusterHandler.ENDPOINT_TYPE_BROKER);
        assertThat(response.brokers()).singleElement().extracting(DescribeClusterBroker::isFenced).isEqualTo(false);
    }

    @Test
    void reportsEveryClusterOperationAsAllowedWhenAsked() {
        DescribeClusterResponseData response = send(handler, DescribeClusterHandler.LATEST_VERSION,
            new DescribeClusterRequestData().setIncludeClusterAuthorizedOperations(true));

        assertThat(Utils.from32BitField(response.clusterAuthorizedOperations())).contains(
            AclOperation.DESCRIBE.code(), AclOperation.CREATE.code(), AclOperation.ALTER_CONFIGS.code());
    }

    @Test
    void askingABrokerForTheControllersIsAMismatchedEndpointType() {
        DescribeClusterResponseData response = send(handler, DescribeClusterHandler.LATEST_VERSION,
            new DescribeClusterRequestData().setEndpointType(DescribeClusterHandler.ENDPOINT_TYPE_CONTROLLER));

        assertThat(response.errorCode()).isEqualTo(Errors.MISMATCHED_ENDPOINT_TYPE.code());
        assertThat(response.errorMessage()).contains("CONTROLLER");
        assertThat(response.brokers()).isEmpty();
    }

    @Test
    void anEndpointTypeTheProtocolDoesNotDefineIsUnsupported() {
        DescribeClusterResponseData response = send(handler, DescribeClusterHandler.LATEST_VERSION,
            new DescribeClusterRequestData().setEndpointType((byte) 3));

        assertThat(response.errorCode()).isEqualTo(Errors.UNSUPPORTED_ENDPOINT_TYPE.code());
    }

    @Test
    void readsTheAdvertisedListenerOnEveryRequestSoAPortBoundLaterIsSeen() {
        AtomicInteger port = new AtomicInteger(0);
        var late = new DescribeClusterHandler("c", 1, () -> InetSocketAddress.createUnresolved("localhost", port.get()));
        port.set(40123);

        DescribeClusterResponseData response = send(late, DescribeClusterHandler.LATEST_VERSION,
            new DescribeClusterRequestData());

        assertThat(response.brokers()).singleElement().extracting(DescribeClusterBroker::port).isEqualTo(40123);
    }
}
