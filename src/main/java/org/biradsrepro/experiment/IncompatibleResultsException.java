package org.biradsrepro.experiment;

/**
 * The results folder holds finished runs made from other settings, data or weights, and the run was not told to
 * start over; the message lists each difference (field, recorded value, current value) and the ways out.
 */
public final class IncompatibleResultsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public IncompatibleResultsException(String message) {
        super(message);
    }
}
