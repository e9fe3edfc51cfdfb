package io.sluice.connect.runtime.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.HttpMethod;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestRouterTest {

    private final RestRouter router = new RestRouter();
    private final RestRouter.Endpoint status = request -> RestResponse.ok("status");
    private final RestRouter.Endpoint root = request -> RestResponse.ok("root");

    RestRouterTest() {
        router.add(HttpMethod.GET, "/", root);
        router.add(HttpMethod.GET, "/connectors/{connector}/tasks/{task}/status", status);
    }

    @Test
    void shouldBindPathParametersFromDecodedSegments() {
        RestRouter.Match match = router.route(HttpMethod.GET,
            RestPaths.segments("/connectors/a%2Fb+c%20d/tasks/3/status/"));

        assertThat(match.endpoint()).isSameAs(status);
        assertThat(match.pathParams()).isEqualTo(Map.of("connector", "a/b+c d", "task", "3"));
    }

    @Test
    void shouldRouteTheRootPath() {
        assertThat(router.route(HttpMethod.GET, RestPaths.segments("/")).endpoint()).isSameAs(root);
    }

    @Test
    void shouldAnswer404ForAnUnknownPathAnd405ForAnotherMethod() {
        assertThatThrownBy(() -> router.route(HttpMethod.GET, RestPaths.segments("/connectors/x/tasks")))
            .isInstanceOfSatisfying(ConnectRestException.class, e -> assertThat(e.statusCode()).isEqualTo(404))
            .hasMessage("HTTP 404 Not Found");
        assertThatThrownBy(() -> router.route(HttpMethod.DELETE, RestPaths.segments("/connectors/x/tasks/0/status")))
            .isInstanceOfSatisfying(ConnectRestException.class, e -> assertThat(e.statusCode()).isEqualTo(405))
            .hasMessage("HTTP 405 Method Not Allowed");
    }

    @Test
    void shouldEncodeANameIntoOneSegment() {
        assertThat(RestPaths.encodeSegment("a/b c+d")).isEqualTo("a%2Fb%20c%2Bd");
        assertThat(RestPaths.segments("/connectors/" + RestPaths.encodeSegment("a/b c+d")))
            .containsExactly("connectors", "a/b c+d");
    }
}
