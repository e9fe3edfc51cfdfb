package io.sluice.connect.runtime.rest.entities;

/** A plain result message, as the offsets endpoints answer: {@code {"message": "..."}}. */
public record Message(String message) { }
