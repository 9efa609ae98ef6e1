package org.biradsrepro.config;

import java.util.Locale;

/**
 * What a run does when its results folder already holds finished runs made from other inputs: other settings,
 * another dataset content or other starting weights. {@code fail} stops before any work and names every
 * difference, so that hours of results are never overwritten by a mistyped setting; {@code restart} deletes them
 * and starts over. Finished runs of the same inputs, code and machine are reused either way; of other code or
 * another machine they are computed again either way (nothing the user can choose makes them resumable).
 */
public enum IncompatibleResultsPolicy {
    FAIL,
    RESTART;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IncompatibleResultsPolicy parse(String text) {
        return Choices.parse("repro.onIncompatibleResults", text, values(), IncompatibleResultsPolicy::id);
    }
}
