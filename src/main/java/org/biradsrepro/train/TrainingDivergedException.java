package org.biradsrepro.train;

/** The monitored loss became NaN or infinite: the run cannot be evaluated honestly and stops with the history. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
