package org.biradsrepro.claims;

/**
 * What the data say about one claim, "for this backbone, the lowest-loss weights beat the last-epoch weights on this
 * metric", by {@link Claims#RULE}. Each word says what was tested: none of them is a coin flip on the sign of a mean.
 */
public enum Verdict {
    /** Better, significantly, by the corrected resampled t-test and by the exact sign-flip test, both one-sided 5%. */
    REPRODUCED("reproduced"),
    /**
     * The one-sided 95% upper bound of the mean difference lies below the gain the paper reports for this backbone
     * and metric: an effect of the paper's size is excluded, with a 5% error rate.
     */
    GAIN_RULED_OUT("paper's gain ruled out"),
    /**
     * Neither: the data cannot tell. Shown with the minimum detectable effect and the power at the paper's gain, so
     * that "absent" and "too small to see here" are not confused.
     */
    UNDETECTABLE("undetectable"),
    /**
     * Paired runs whose kept weights were the last epoch's on every split: the two evaluated networks were
     * identical, so the claim was never applied, and the data are evidence neither for nor against it.
     */
    NOT_EXERCISED("not exercised"),
    /**
     * Fewer than {@link Claims#MIN_PAIRS} splits where the metric is defined for both weight sets (for example ROC
     * AUC with a class absent from the test side): too little information for any test.
     */
    UNINFORMATIVE("uninformative");

    private final String word;

    Verdict(String word) {
        this.word = word;
    }

    /** The verdict as the page and the console print it. */
    public String word() {
        return word;
    }
}
