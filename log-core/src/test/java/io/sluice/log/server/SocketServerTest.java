package io.sluice.log.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.sluice.log.errors.OutOfOrderSequenceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.HeartbeatRequest;
import org.apache.kafka.common.requests.HeartbeatResponse;
import org.apache.kafka.common.requests.MetadataRequest;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

class SocketServerTest {
    private static final int MAX_REQUEST_BYTES = 64 * 1024;

    private final int[] port = new int[1];
    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    private SocketServer startServer(ApiHandler... extra) {
        List<ApiHandler> handlers = new ArrayList<>(TestHandlers.cluster(port));
        handlers.addAll(List.of(extra));
        SocketServer server = new SocketServer("localhost", 0, MAX_REQUEST_BYTES, 1, 2, 2_000, handlers);
        resources.add(server);
        server.start();
        port[0] = server.boundPort();
        return server;
    }

    private RawClient connect() throws IOException {
        RawClient client = new RawClient(port[0]);
        resources.add(client);
        return client;
    }

    private Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + port[0]);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        Admin admin = Admin.create(props);
        resources.add(admin);
        return admin;
    }

    private static void assertClusterDescribed(Admin admin) throws Exception {
        DescribeClusterResult cluster = admin.describeCluster();
        assertThat(cluster.clusterId().get(15, TimeUnit.SECONDS)).isEqualTo(TestHandlers.CLUSTER_ID);
        assertThat(cluster.nodes().get(15, TimeUnit.SECONDS)).extracting(Node::id).containsExactly(TestHandlers.NODE_ID);
    }

    @Test
    void aRealAdminClientDescribesTheClusterEndToEnd() throws Exception {
        startServer();
        Admin admin = admin();

        DescribeClusterResult cluster = admin.describeCluster();

        assertThat(cluster.clusterId().get(15, TimeUnit.SECONDS)).isEqualTo(TestHandlers.CLUSTER_ID);
        assertThat(cluster.controller().get(15, TimeUnit.SECONDS).port()).isEqualTo(port[0]);
    }

    @Test
    void everyApiVersionsVersionIsAnsweredWithExactlyTheRegisteredApisAndHeaderV0() throws IOException {
        startServer(TestHandlers.handler(ApiKeys.PRODUCE, (ctx, request) -> null));
        RawClient client = connect();

        for (short version = 0; version <= ApiKeys.API_VERSIONS.latestVersion(); version++) {
            client.send(new ApiVersionsRequest.Builder(version).build(version), 100 + version);
            RawClient.Response response = client.receive(ApiKeys.API_VERSIONS, version, (short) 0);

            ApiVersionsResponse body = (ApiVersionsResponse) response.body();
            assertThat(response.correlationId()).isEqualTo(100 + version);
            assertThat(body.data().errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(body.data().apiKeys()).extracting(ApiVersion::apiKey).containsExactly(
                ApiKeys.PRODUCE.id, ApiKeys.METADATA.id, ApiKeys.API_VERSIONS.id, ApiKeys.DESCRIBE_CLUSTER.id);
            assertThat(body.apiVersion(ApiKeys.METADATA.id).minVersion()).isEqualTo(ApiKeys.METADATA.oldestVersion());
            assertThat(body.apiVersion(ApiKeys.METADATA.id).maxVersion()).isEqualTo(ApiKeys.METADATA.latestVersion());
        }
    }

    @Test
    void produceIsAdvertisedFromVersionZeroForLibrdkafkaWhileItsHandlerServesFromKafkaFourBaseline()
            throws IOException {
        startServer(TestHandlers.handler(ApiKeys.PRODUCE, (ctx, request) -> null));
        RawClient client = connect();
        short version = ApiKeys.API_VERSIONS.latestVersion();

        client.send(new ApiVersionsRequest.Builder(version).build(version), 1);
        ApiVersionsResponse body = (ApiVersionsResponse) client.receive(ApiKeys.API_VERSIONS, version).body();

        assertThat(ApiKeys.PRODUCE.oldestVersion()).isEqualTo((short) 3);
        assertThat(body.apiVersion(ApiKeys.PRODUCE.id).minVersion()).isZero();
        assertThat(body.apiVersion(ApiKeys.PRODUCE.id).maxVersion()).isEqualTo(ApiKeys.PRODUCE.latestVersion());
    }

    @Test
    void anApiVersionsRequestOfAnUnknownVersionGetsUnsupportedVersionWithTheKeyListAsV0() throws IOException {
        startServer();
        RawClient client = connect();

        client.writeFrame(apiVersionsHeaderOnly((short) 99, 7));
        ByteBuffer frame = client.readFrame();

        assertThat(frame.getInt()).as("response header v0: only the correlation id").isEqualTo(7);
        ApiVersionsResponse body = ApiVersionsResponse.parse(new ByteBufferAccessor(frame), (short) 0);
        assertThat(body.data().errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
        assertThat(body.apiVersion(ApiKeys.API_VERSIONS.id).maxVersion()).isEqualTo(ApiKeys.API_VERSIONS.latestVersion());
        assertThat(body.data().apiKeys()).extracting(ApiVersion::apiKey)
            .containsExactly(ApiKeys.METADATA.id, ApiKeys.API_VERSIONS.id, ApiKeys.DESCRIBE_CLUSTER.id);
        assertThat(frame.remaining()).isZero();
    }

    static Stream<Arguments> protocolViolations() {
        ByteBuffer metadata = new MetadataRequest.Builder(List.of("a-topic"), false).build((short) 12)
            .serializeWithHeader(new RequestHeader(ApiKeys.METADATA, (short) 12, "c", 1));
        byte[] truncated = new byte[metadata.remaining() - 6];
        metadata.get(truncated);
        return Stream.of(
            Arguments.of("negative size", ByteBuffer.allocate(4).putInt(-1).array(), "negative request size -1"),
            Arguments.of("oversize frame", ByteBuffer.allocate(4).putInt(MAX_REQUEST_BYTES + 1).array(),
                "exceeds socket.request.max.bytes"),
            Arguments.of("frame shorter than a header", frame(new byte[] {0, 3, 0}), "too small"),
            Arguments.of("garbage", frame("this is not kafka at all".getBytes(StandardCharsets.US_ASCII)),
                "malformed request header"),
            Arguments.of("unknown api key", frame(ByteBuffer.allocate(12).putShort((short) 9999).putShort((short) 0)
                .putInt(1).putShort((short) -1).putShort((short) 0).array()), "malformed request header"),
            Arguments.of("api with no handler", frame(header(ApiKeys.FIND_COORDINATOR, (short) 4)),
                "no handler for API FIND_COORDINATOR"),
            Arguments.of("unserved version", frame(header(ApiKeys.METADATA, (short) 99)),
                "unsupported version 99 of METADATA"),
            Arguments.of("truncated body", frame(truncated), "malformed METADATA v12"),
            Arguments.of("absurd array count", frame(metadataWithArrayCount(Integer.MAX_VALUE)),
                "malformed METADATA v4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("protocolViolations")
    void aProtocolViolationClosesOnlyThatConnectionAndIsLoggedOnce(String name, byte[] bytes, String reason)
            throws Exception {
        startServer();
        Admin admin = admin();
        assertClusterDescribed(admin);
        RawClient healthy = connect();
        RawClient offender = connect();
        ListAppender<ILoggingEvent> log = captureServerLog();

        offender.writeRaw(twice(bytes)); // bad bytes after the first violation must not log again

        assertThat(offender.closedByServer()).isTrue();
        assertThat(log.list).filteredOn(event -> event.getLevel() == Level.WARN)
            .singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                .contains(reason).contains("/127.0.0.1:"));
        healthy.send(new ApiVersionsRequest.Builder().build((short) 3), 5);
        assertThat(healthy.receive(ApiKeys.API_VERSIONS, (short) 3).correlationId()).isEqualTo(5);
        assertClusterDescribed(admin);
    }

    @Test
    void aProduceV0RequestIsRefusedByClosingTheConnectionAsKafkaFourDoes() throws Exception {
        startServer(TestHandlers.handler(ApiKeys.PRODUCE, (ctx, request) -> null));
        RawClient client = connect();

        client.writeFrame(ByteBuffer.wrap(header(ApiKeys.PRODUCE, (short) 0)));

        assertThat(client.closedByServer()).isTrue();
    }

    @Test
    void responsesAreWrittenInRequestOrderWhenTheirFuturesCompleteInReverse() throws Exception {
        TestHandlers.Controlled heartbeats = new TestHandlers.Controlled(ApiKeys.HEARTBEAT);
        startServer(heartbeats);
        RawClient client = connect();
        short version = ApiKeys.HEARTBEAT.latestVersion();
        HeartbeatRequest request = new HeartbeatRequest.Builder(new HeartbeatRequestData().setGroupId("g")
            .setMemberId("m").setGenerationId(1)).build(version);

        client.send(request, 1);
        client.send(request, 2);
        client.send(request, 3);
        TestHandlers.Controlled.Call first = heartbeats.calls.poll(10, TimeUnit.SECONDS);
        TestHandlers.Controlled.Call second = heartbeats.calls.poll(10, TimeUnit.SECONDS);
        TestHandlers.Controlled.Call third = heartbeats.calls.poll(10, TimeUnit.SECONDS);
        third.complete(r -> heartbeat(Errors.NONE));
        second.complete(r -> heartbeat(Errors.REBALANCE_IN_PROGRESS));
        first.complete(r -> heartbeat(Errors.UNKNOWN_MEMBER_ID));

        assertThat(List.of(first.context().header().correlationId(), second.context().header().correlationId(),
            third.context().header().correlationId())).containsExactly(1, 2, 3);
        assertThat(client.receive(ApiKeys.HEARTBEAT, version).correlationId()).isEqualTo(1);
        assertThat(client.receive(ApiKeys.HEARTBEAT, version).correlationId()).isEqualTo(2);
        RawClient.Response last = client.receive(ApiKeys.HEARTBEAT, version);
        assertThat(last.correlationId()).isEqualTo(3);
        assertThat(((HeartbeatResponse) last.body()).error()).isEqualTo(Errors.NONE);
    }

    @Test
    void aFailedHandlerFutureBecomesTheMappedErrorResponse() throws Exception {
        startServer(new ApiHandler() {
            @Override
            public ApiKeys apiKey() {
                return ApiKeys.HEARTBEAT;
            }

            @Override
            public CompletableFuture<? extends AbstractResponse> handle(RequestContext context,
                                                                        AbstractRequest request) {
                throw new OutOfOrderSequenceException("sequence 7 after 5");
            }
        });
        RawClient client = connect();
        short version = ApiKeys.HEARTBEAT.latestVersion();

        client.send(new HeartbeatRequest.Builder(new HeartbeatRequestData().setGroupId("g")).build(version), 9);

        HeartbeatResponse response = (HeartbeatResponse) client.receive(ApiKeys.HEARTBEAT, version).body();
        assertThat(response.error()).isEqualTo(Errors.OUT_OF_ORDER_SEQUENCE_NUMBER);
    }

    @Test
    void anAcksZeroProduceRunsItsHandlerButGetsNoResponseAndDoesNotHoldBackLaterResponses() throws Exception {
        CountDownLatch produced = new CountDownLatch(1);
        CompletableFuture<AbstractResponse> neverAnswered = new CompletableFuture<>();
        startServer(new ApiHandler() {
            @Override
            public ApiKeys apiKey() {
                return ApiKeys.PRODUCE;
            }

            @Override
            public CompletableFuture<? extends AbstractResponse> handle(RequestContext context,
                                                                        AbstractRequest request) {
                produced.countDown();
                return neverAnswered; // like an acks=0 append whose durability future is still pending
            }
        });
        RawClient client = connect();
        short version = ApiKeys.PRODUCE.latestVersion();
        ProduceRequest produce = ProduceRequest.builder(new ProduceRequestData().setAcks((short) 0)
            .setTimeoutMs(1000)).build(version);

        client.send(produce, 1);
        client.send(new ApiVersionsRequest.Builder().build((short) 3), 2);

        assertThat(produced.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(client.receive(ApiKeys.API_VERSIONS, (short) 3).correlationId()).isEqualTo(2);
        neverAnswered.complete(new ProduceResponse(new ProduceResponseData()));
        client.send(new ApiVersionsRequest.Builder().build((short) 3), 3);
        assertThat(client.receive(ApiKeys.API_VERSIONS, (short) 3).correlationId())
            .as("nothing was written for the acks=0 request").isEqualTo(3);
    }

    @Test
    void closeWaitsForAnInFlightResponseToBeWritten() throws Exception {
        TestHandlers.Controlled heartbeats = new TestHandlers.Controlled(ApiKeys.HEARTBEAT);
        SocketServer server = startServer(heartbeats);
        RawClient client = connect();
        short version = ApiKeys.HEARTBEAT.latestVersion();
        client.send(new HeartbeatRequest.Builder(new HeartbeatRequestData().setGroupId("g")).build(version), 4);
        TestHandlers.Controlled.Call call = heartbeats.calls.poll(10, TimeUnit.SECONDS);

        CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
        call.complete(r -> heartbeat(Errors.NONE));

        assertThat(client.receive(ApiKeys.HEARTBEAT, version).correlationId()).isEqualTo(4);
        closed.get(10, TimeUnit.SECONDS);
        assertThat(client.closedByServer()).isTrue();
    }

    private static HeartbeatResponse heartbeat(Errors error) {
        return new HeartbeatResponse(new HeartbeatResponseData().setErrorCode(error.code()));
    }

    private ListAppender<ILoggingEvent> captureServerLog() {
        Logger logger = (Logger) LoggerFactory.getLogger(SocketServer.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        resources.add(() -> logger.detachAppender(appender));
        return appender;
    }

    /** An ApiVersions header (v2, flexible) with no body: enough for a version the server cannot parse. */
    private static ByteBuffer apiVersionsHeaderOnly(short version, int correlationId) {
        byte[] clientId = "raw".getBytes(StandardCharsets.UTF_8);
        ByteBuffer header = ByteBuffer.allocate(2 + 2 + 4 + 2 + clientId.length + 1);
        header.putShort(ApiKeys.API_VERSIONS.id).putShort(version).putInt(correlationId)
            .putShort((short) clientId.length).put(clientId).put((byte) 0); // no tagged fields
        return header.flip();
    }

    /** A request header in the layout the key and version call for (v1, or v2 with empty tagged fields), no body. */
    private static byte[] header(ApiKeys apiKey, short version) {
        boolean flexible = apiKey.requestHeaderVersion(version) >= 2;
        ByteBuffer header = ByteBuffer.allocate(flexible ? 11 : 10).putShort(apiKey.id).putShort(version).putInt(1)
            .putShort((short) -1); // null client id
        if (flexible) {
            header.put((byte) 0); // no tagged fields
        }
        return header.array();
    }

    /** Metadata v4 (non-flexible) whose topic array claims {@code count} entries but holds none. */
    private static byte[] metadataWithArrayCount(int count) {
        ByteBuffer header = ByteBuffer.wrap(header(ApiKeys.METADATA, (short) 4));
        return ByteBuffer.allocate(header.remaining() + 5).put(header).putInt(count).put((byte) 0).array();
    }

    private static byte[] twice(byte[] bytes) {
        return ByteBuffer.allocate(2 * bytes.length).put(bytes).put(bytes).array();
    }

    private static byte[] frame(byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
    }
}
