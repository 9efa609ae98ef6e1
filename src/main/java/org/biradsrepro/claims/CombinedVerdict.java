package org.biradsrepro.claims;

/**
 * The verdict on a claim made of several backbone x metric claims (a backbone's six metrics, or the paper's 36),
 * with error control across them ({@link Claims#RULE}): reproduced by intersection-union, refuted by Holm.
 */
public enum CombinedVerdict {
    /** Every part reproduced (intersection-union test: its level is that of each part, 5%). */
    REPRODUCED("reproduced"),
    /** At least one part's reported gain ruled out at its Holm-adjusted level: family-wise error at most 5%. */
    GAIN_RULED_OUT("paper's gain ruled out"),
    /** No part's weights ever differed: the claim was never applied. */
    NOT_EXERCISED("not exercised"),
    /** Anything else: some parts undetectable, or only part of the claim reproduced. */
    INCONCLUSIVE("inconclusive");

    private final String word;

    CombinedVerdict(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
