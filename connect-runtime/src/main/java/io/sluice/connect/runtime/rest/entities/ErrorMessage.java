package io.sluice.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of every REST error answer, as in Kafka Connect: the HTTP status code and a message. */
public record ErrorMessage(@JsonProperty("error_code") int errorCode, String message) { }
