package io.sluice.log.server;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.AbstractResponse;

/**
 * Serves one Kafka API key. The server parses the request with kafka-clients' classes, calls {@link #handle} on a
 * request thread (never on a Netty event loop, so a handler may touch the disk), and writes the response when the
 * future completes — at once, or later for delayed operations (acks=all produce, long-poll fetch, JoinGroup).
 * Responses on one connection are written in request order whatever order their futures complete in.
 *
 * <p>Errors: a handler answers per-partition or per-resource problems with Kafka error codes inside its response.
 * An exception thrown (or a future completed exceptionally) becomes the request's error response, built with
 * {@code request.getErrorResponse(throwable)}.
 *
 * <p>ApiVersions advertises, for every registered handler, {@link #oldestVersion()} to {@link #latestVersion()}.
 */
public interface ApiHandler {
    ApiKeys apiKey();

    /** Oldest version served; by default the oldest the bundled kafka-clients knows (Kafka 4.0's baseline). */
    default short oldestVersion() {
        return apiKey().oldestVersion();
    }

    /** Newest version served; by default the newest the bundled kafka-clients knows. */
    default short latestVersion() {
        return apiKey().latestVersion();
    }

    /**
     * Whether the request's bytes may be recycled as soon as {@link #handle} returns: true only if neither the
     * handler nor the future it returns keeps the request, or any view of it (records, byte fields), past that
     * point. The server then reads such requests into pooled direct memory (no garbage, no heap-to-direct copy
     * when records are written to a file). False by default: the request's frame is a heap array the garbage
     * collector frees.
     */
    default boolean releasesRequestOnReturn() {
        return false;
    }

    CompletableFuture<? extends AbstractResponse> handle(RequestContext context, AbstractRequest request);
}
