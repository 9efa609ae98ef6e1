package org.biradsrepro.weights;

/**
 * A weight file that cannot be used, said in one line that names the file and, where it applies, the layer:
 * the message is what a user sees when a run stops before any work.
 */
public final class KerasWeightsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KerasWeightsException(String message) {
        super(message);
    }

    public KerasWeightsException(String message, Throwable cause) {
        super(message, cause);
    }
}
