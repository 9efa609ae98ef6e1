package org.biradsrepro.claims;

import java.util.List;
import org.biradsrepro.results.RunResult;

/** Judges every backbone x metric claim on a set of results. */
public final class Claims {

    /** The verdict rule, as shown on the report page. */
    public static final String RULE = "to be stated";

    private Claims() {}

    public static List<ClaimVerdict> evaluate(List<RunResult> results) {
        throw new UnsupportedOperationException("issue 5 in progress");
    }
}
