package io.sluice.connect.runtime.rest;

/**
 * What an endpoint answers: the HTTP status, an entity serialised as JSON (null for no body) and, for 201, the
 * {@code Location} of the created resource (null otherwise).
 */
record RestResponse(int status, Object entity, String location) {

    static RestResponse ok(Object entity) {
        return new RestResponse(200, entity, null);
    }

    static RestResponse created(String location, Object entity) {
        return new RestResponse(201, entity, location);
    }

    static RestResponse accepted(Object entity) {
        return new RestResponse(202, entity, null);
    }

    static RestResponse noContent() {
        return new RestResponse(204, null, null);
    }
}
