package io.sluice.connect.runtime.rest;

import io.netty.handler.codec.http.HttpMethod;
import io.sluice.connect.runtime.Herder;
import io.sluice.connect.runtime.rest.entities.ServerInfo;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * {@code GET /}: the version and commit are those of the Kafka client and Connect API this worker implements (what
 * tools compare to decide which endpoints exist), plus the Kafka cluster the worker is attached to.
 */
final class RootResource {

    private final Herder herder;

    RootResource(Herder herder) {
        this.herder = herder;
    }

    void register(RestRouter router) {
        router.add(HttpMethod.GET, "/", request -> RestResponse.ok(
            new ServerInfo(AppInfoParser.getVersion(), AppInfoParser.getCommitId(), herder.kafkaClusterId())));
    }
}
