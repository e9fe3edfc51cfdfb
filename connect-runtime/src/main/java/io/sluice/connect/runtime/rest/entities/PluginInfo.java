package io.sluice.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A plugin found by the worker; {@code type} is Kafka Connect's lower-case name: source, sink, converter,
 * header_converter, transformation, predicate.
 */
public record PluginInfo(@JsonProperty("class") String className, String type, String version) { }
