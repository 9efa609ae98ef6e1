package org.biradsrepro.data;

/** The dataset cannot be used as given; the message names the folder or file and what was expected. */
public final class DatasetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
