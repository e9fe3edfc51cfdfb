package io.sluice.log.errors;

/** A topic with this name already exists. */
public class TopicExistsException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public TopicExistsException(String message) {
        super(message);
    }
}
