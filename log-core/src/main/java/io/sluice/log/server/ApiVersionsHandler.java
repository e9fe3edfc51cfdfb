package io.sluice.log.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;

/**
 * Answers ApiVersions with exactly what this broker serves: one entry per registered {@link ApiHandler}
 * (its {@code oldestVersion()..latestVersion()}) plus ApiVersions itself. Nothing is advertised that has no
 * handler, so a client never picks an API we would reject.
 *
 * <p><b>Produce from version 0.</b> kafka-clients 4.x parses Produce from v3 only (Kafka 4.0 removed v0–2,
 * KIP-896), but librdkafka treats a Produce minimum above 0 as "this broker is too old for compression" and
 * then sends uncompressed batches (KAFKA-18659). Kafka 4.0 therefore advertises Produce from 0 while still
 * rejecting v0–2 requests; we do the same ({@link ApiKeys#PRODUCE_API_VERSIONS_RESPONSE_MIN_VERSION}): a
 * v0–2 Produce is outside the handler's range and the server closes the connection, as Kafka does.
 *
 * <p><b>Unsupported ApiVersions version.</b> A client may send an ApiVersions version newer than ours before
 * knowing our range (KIP-511). {@link #unsupportedVersionResponse()} answers it with
 * {@code UNSUPPORTED_VERSION} and our key list, serialized as v0 with response header v0 — the only layout every
 * client can read; the client retries with the newest version we listed for ApiVersions. (Kafka lists only the
 * ApiVersions entry there; clients read only that entry, so listing all keys is compatible and more useful to
 * tools.)
 *
 * <p>Features: no supported or finalized features are advertised (epoch -1, as a broker without a feature
 * quorum). The Java clients only consult finalized features for transactions v2 ({@code transaction.version})
 * and the share/streams group protocols, none of which this broker serves yet.
 *
 * <p>Immutable and thread-safe.
 */
public final class ApiVersionsHandler implements ApiHandler {
    private final List<ApiVersion> versions;

    /** @param handlers every other handler the server hosts (an ApiVersions handler among them is refused) */
    public ApiVersionsHandler(Collection<? extends ApiHandler> handlers) {
        List<ApiVersion> list = new ArrayList<>();
        for (ApiHandler handler : handlers) {
            if (handler.apiKey() == ApiKeys.API_VERSIONS) {
                throw new IllegalArgumentException("ApiVersions is answered by ApiVersionsHandler itself");
            }
            short min = handler.oldestVersion();
            if (handler.apiKey() == ApiKeys.PRODUCE) {
                min = (short) Math.min(min, ApiKeys.PRODUCE_API_VERSIONS_RESPONSE_MIN_VERSION);
            }
            list.add(new ApiVersion().setApiKey(handler.apiKey().id).setMinVersion(min)
                .setMaxVersion(handler.latestVersion()));
        }
        list.add(new ApiVersion().setApiKey(ApiKeys.API_VERSIONS.id).setMinVersion(oldestVersion())
            .setMaxVersion(latestVersion()));
        list.sort(Comparator.comparingInt(ApiVersion::apiKey));
        this.versions = List.copyOf(list);
    }

    @Override
    public ApiKeys apiKey() {
        return ApiKeys.API_VERSIONS;
    }

    /** The advertised ranges, ordered by API key. */
    public List<ApiVersion> advertised() {
        return versions;
    }

    @Override
    public CompletableFuture<? extends AbstractResponse> handle(RequestContext context, AbstractRequest request) {
        ApiVersionsRequest apiVersions = (ApiVersionsRequest) request;
        if (!apiVersions.isValid()) {
            // v3+ carries the client's software name and version, which must match Kafka's pattern.
            return CompletableFuture.completedFuture(
                apiVersions.getErrorResponse(0, Errors.INVALID_REQUEST.exception()));
        }
        return CompletableFuture.completedFuture(response(Errors.NONE));
    }

    /** The answer to an ApiVersions request of a version we do not serve; write it as v0 with header v0. */
    public ApiVersionsResponse unsupportedVersionResponse() {
        return response(Errors.UNSUPPORTED_VERSION);
    }

    private ApiVersionsResponse response(Errors error) {
        ApiVersionCollection keys = new ApiVersionCollection(versions.size());
        for (ApiVersion version : versions) {
            keys.add(version.duplicate());
        }
        return new ApiVersionsResponse(new ApiVersionsResponseData()
            .setErrorCode(error.code())
            .setApiKeys(keys)
            .setThrottleTimeMs(0)
            .setFinalizedFeaturesEpoch(ApiVersionsResponse.UNKNOWN_FINALIZED_FEATURES_EPOCH));
    }
}
