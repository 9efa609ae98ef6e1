package org.biradsrepro.claims;

/** What the data say about one claim. */
public enum Verdict {
    REPRODUCED,
    NOT_REPRODUCED,
    INCONCLUSIVE
}
