package org.biradsrepro.claims;

import java.util.List;

/**
 * The evidence on one claim, "for this backbone, evaluating with the lowest-loss weights beats the last-epoch
 * weights on this metric", and the verdict drawn from it.
 *
 * @param backbone registry id
 * @param metric metric key as in the results JSON, e.g. {@code accuracy}, {@code f1Macro}, {@code rocAucMacro}
 * @param splits the split numbers that entered, in order
 * @param differences improved minus baseline per split, same order as {@code splits}; undefined pairs left out
 * @param undefinedPairs splits left out because a side was undefined
 * @param mean mean difference
 * @param sd standard deviation of the differences (ddof 1)
 * @param bootstrap95 95% percentile bootstrap interval of the mean over splits
 * @param t95 95% t interval of the mean
 * @param nadeauBengioT the corrected resampled t statistic
 * @param nadeauBengioP its one-sided p-value (improved &gt; baseline)
 * @param wilcoxonP exact one-sided Wilcoxon signed-rank p-value
 * @param wilcoxonSmallestP the smallest p-value the exact Wilcoxon test can reach with this many pairs
 * @param verdict the verdict by {@link Claims#RULE}
 * @param reason one sentence: why this verdict
 */
public record ClaimVerdict(String backbone, String metric, List<Integer> splits, double[] differences,
                           int undefinedPairs, double mean, double sd, Interval bootstrap95, Interval t95,
                           double nadeauBengioT, double nadeauBengioP, double wilcoxonP, double wilcoxonSmallestP,
                           Verdict verdict, String reason) {

    /** A closed interval; {@code NaN} bounds where it is undefined (fewer than two pairs). */
    public record Interval(double low, double high) {}
}
