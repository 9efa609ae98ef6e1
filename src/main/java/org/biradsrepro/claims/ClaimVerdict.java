package org.biradsrepro.claims;

import java.util.List;
import java.util.Locale;

/**
 * The evidence on one claim, "for this backbone, evaluating with the lowest-loss weights beats the last-epoch
 * weights on this metric", and the verdict drawn from it.
 *
 * @param backbone registry id
 * @param metric metric key as in the results JSON, e.g. {@code accuracy}, {@code f1Macro}, {@code rocAucMacro}
 *     ({@link ClaimedMetric#byKey})
 * @param splits the split numbers that entered, in order
 * @param differences improved minus baseline per split, same order as {@code splits}; undefined pairs left out
 * @param undefinedPairs splits left out because a side was undefined
 * @param uninformativePairs splits left out because both variants learned nothing
 *     ({@link EpochDiagnostics.Run#learnedNothing}); such a split is not counted as undefined too
 * @param mean mean difference
 * @param sd standard deviation of the differences (ddof 1)
 * @param bootstrap95 95% percentile bootstrap interval of the mean over splits ({@code stats.Bootstrap}); it
 *     treats the splits as independent, so it is narrower than the evidence warrants
 * @param t95 95% t interval of the mean with the Nadeau-Bengio variance correction, (1/k + n_test/n_train) var:
 *     it excludes 0 exactly when the two-sided corrected test gives p &lt; 0.05. The textbook interval, which
 *     treats overlapping training sets as independent, is narrower
 * @param nadeauBengioT the corrected resampled t statistic
 * @param nadeauBengioP its one-sided p-value (improved &gt; baseline), k - 1 degrees of freedom
 * @param wilcoxonP one-sided Wilcoxon signed-rank p-value (improved &gt; baseline); NaN when every difference is 0
 * @param wilcoxonExact whether {@code wilcoxonP} is exact; with zero or tied differences Commons Statistics uses
 *     its normal approximation (Pratt's zero procedure, tie and continuity corrections)
 * @param wilcoxonSmallestP the smallest one-sided p-value the exact Wilcoxon test can reach with this many pairs,
 *     2^-n
 * @param verdict the verdict by {@link Claims#RULE}
 * @param reason one sentence: why this verdict
 */
public record ClaimVerdict(String backbone, String metric, List<Integer> splits, double[] differences,
                           int undefinedPairs, int uninformativePairs, double mean, double sd, Interval bootstrap95,
                           Interval t95, double nadeauBengioT, double nadeauBengioP, double wilcoxonP,
                           boolean wilcoxonExact, double wilcoxonSmallestP, Verdict verdict, String reason) {

    /** A closed interval; {@code NaN} bounds where it is undefined (fewer than two pairs). */
    public record Interval(double low, double high) {}

    /** The metric's display name. */
    public String metricLabel() {
        return ClaimedMetric.byKey(metric).label();
    }

    /** Whether the exact one-sided Wilcoxon test can reach p &lt; 0.05 at all with this many pairs (five or more). */
    public boolean wilcoxonCanReachFivePercent() {
        return wilcoxonSmallestP < 0.05;
    }

    /** One plain sentence on what the Wilcoxon test can say with this many pairs. */
    public String wilcoxonNote() {
        int n = splits.size();
        String floor = String.format(Locale.ROOT,
                "with %d pairs the exact one-sided Wilcoxon test cannot go below p = 1/%.0f = %.4g", n, Math.pow(2, n),
                wilcoxonSmallestP);
        String reach = wilcoxonCanReachFivePercent()
                ? ", reached only when every pair improves"
                : String.format(Locale.ROOT, ", so it can never reach 0.05 (two-sided: never below %.4g)",
                        Math.min(1, 2 * wilcoxonSmallestP));
        String approximate = wilcoxonExact ? "" : "; zero or tied differences: this p is a normal approximation";
        return Character.toUpperCase(floor.charAt(0)) + floor.substring(1) + reach + approximate + ".";
    }
}
