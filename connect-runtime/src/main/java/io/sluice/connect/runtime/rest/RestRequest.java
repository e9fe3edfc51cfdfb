package io.sluice.connect.runtime.rest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request as an endpoint sees it: the decoded path parameters of the matched route, the query parameters and
 * the body. Reading the body as JSON fails with a 400 that carries the parser's message and position, so a client sees
 * what is wrong with what it sent. Immutable; used by one request thread.
 */
final class RestRequest {

    private final Map<String, String> pathParams;
    private final Map<String, List<String>> queryParams;
    private final byte[] body;
    private final ObjectMapper mapper;

    RestRequest(Map<String, String> pathParams, Map<String, List<String>> queryParams, byte[] body,
                ObjectMapper mapper) {
        this.pathParams = pathParams;
        this.queryParams = queryParams;
        this.body = body;
        this.mapper = mapper;
    }

    String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("Route has no path parameter {" + name + "}");
        }
        return value;
    }

    /** A path parameter that must be a non-negative integer, as a task id; anything else is not a resource (404). */
    int intPathParam(String name) {
        String value = pathParam(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConnectRestException(404, RestErrors.NOT_FOUND_MESSAGE);
        }
    }

    /** All values of a repeated query parameter ({@code ?expand=status&expand=info}); empty when absent. */
    List<String> queryParams(String name) {
        return queryParams.getOrDefault(name, List.of());
    }

    /** A boolean query parameter: absent means {@code defaultValue}; anything but true/false is a 400. */
    boolean booleanQueryParam(String name, boolean defaultValue) {
        List<String> values = queryParams(name);
        if (values.isEmpty()) {
            return defaultValue;
        }
        String value = values.get(0);
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw new ConnectRestException(400, "Query parameter " + name + " must be true or false, was '" + value + "'");
    }

    <T> T body(Class<T> type) {
        return parse(() -> mapper.readValue(body, type));
    }

    <T> T body(TypeReference<T> type) {
        return parse(() -> mapper.readValue(body, type));
    }

    private <T> T parse(JsonRead<T> read) {
        T value;
        try {
            value = read.read();
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ConnectRestException(400, "Request body is not valid JSON: " + e.getOriginalMessage() + where, e);
        } catch (IOException e) {
            throw new ConnectRestException(400, "Request body could not be read: " + e.getMessage(), e);
        }
        if (value == null) {
            throw new ConnectRestException(400, "Request body is required");
        }
        return value;
    }

    @FunctionalInterface
    private interface JsonRead<T> {
        T read() throws IOException;
    }
}
