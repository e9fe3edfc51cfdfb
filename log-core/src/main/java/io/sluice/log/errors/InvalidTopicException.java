package io.sluice.log.errors;

/** A topic name that is empty, too long, or holds characters other than ASCII letters, digits, '.', '_' and '-'; or an operation not allowed on an internal topic. */
public class InvalidTopicException extends SluiceException {
    private static final long serialVersionUID = 1L;

    public InvalidTopicException(String message) {
        super(message);
    }
}
