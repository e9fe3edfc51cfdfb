package io.sluice.connect.runtime.rest.entities;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The body of {@code GET /}: the worker's version, build commit and the Kafka cluster it is attached to. */
public record ServerInfo(String version, String commit, @JsonProperty("kafka_cluster_id") String kafkaClusterId) { }
