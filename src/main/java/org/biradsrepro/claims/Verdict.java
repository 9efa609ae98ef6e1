package org.biradsrepro.claims;

/** What the data say about one claim ({@link Claims#RULE}). */
public enum Verdict {
    /** The claimed improvement is there and significant. */
    REPRODUCED,
    /** The reproduction did not see the claimed direction at all: evidence against the claim. */
    NOT_REPRODUCED,
    /** The right direction without significance, or too few splits to judge. */
    INCONCLUSIVE,
    /**
     * Every run behind the claim learned nothing (each variant's test predictions one class, or its macro ROC AUC
     * at chance): the claim was not tested, so this is evidence neither for nor against it.
     */
    UNINFORMATIVE
}
