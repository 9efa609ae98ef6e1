package org.biradsrepro.claims;

import java.util.List;

/**
 * The evidence on one claim, "for this backbone, evaluating with the lowest-loss weights beats the last-epoch
 * weights on this metric", and the verdict {@link ClaimRule} draws from it. Every number the verdict turns on is
 * here, so that a reader of {@code claims.json} can check it by hand.
 *
 * @param backbone registry id, or {@link Claims#POOLED} for the average over the backbones
 * @param metric metric key as in the results JSON ({@link ClaimedMetric#byKey})
 * @param paired whether both weight sets came from one training run per split ({@code repro.pairing=paired})
 * @param splits the split numbers that entered, in order
 * @param differences improved minus baseline per split, in the order of {@code splits}; undefined pairs left out
 * @param undefinedPairs splits left out because the metric was undefined for a weight set
 * @param exercise whether the two weight sets differed at all, split by split
 * @param estimate the mean difference, its spread and its one-sided bounds
 * @param tests the tests and their p-values, raw and Holm-adjusted
 * @param detectability what this design could have detected
 * @param paperGain the gain the paper's Table 2 reports for this backbone and metric (improved minus baseline as
 *     printed); NaN for a backbone the paper did not run
 * @param verdict the verdict by {@link Claims#RULE}
 * @param significantlyWorse whether the lowest-loss weights were significantly worse (both tests, one-sided 5%, the
 *     other way): said beside the verdict, never instead of it
 * @param reason one or two sentences: why this verdict, with the numbers
 */
public record ClaimVerdict(String backbone, String metric, boolean paired, List<Integer> splits, double[] differences,
                           int undefinedPairs, Exercise exercise, Estimate estimate, Tests tests,
                           Detectability detectability, double paperGain, Verdict verdict, boolean significantlyWorse,
                           String reason) {

    /**
     * Did the claim get applied? With paired runs the two weight sets are the same tensors wherever the kept epoch
     * is the last; and even where they differ, a threshold metric moves only when some test prediction changes
     * class.
     *
     * @param runs the backbone's runs (splits), defined or not
     * @param identicalWeights runs whose two weight sets were identical (paired, kept epoch = last epoch); 0 when
     *     independent
     * @param predictionsChanged included splits on which at least one test image's predicted class (argmax)
     *     differs between the two weight sets
     * @param metricMoved included splits on which this metric differs at all
     */
    public record Exercise(int runs, int identicalWeights, int predictionsChanged, int metricMoved) {}

    /**
     * @param mean mean difference over the included splits
     * @param sd sample standard deviation of the differences (ddof 1)
     * @param resolution the smallest step one test image (one pair, for ROC AUC) makes in this metric on these test
     *     sets, or a lower bound on it ({@link Resolution})
     * @param sdUsed the standard deviation the corrected test uses: {@code max(sd, resolution)}, so that equal
     *     differences never give an interval of width zero or a p-value of 0
     * @param noVariation whether every difference was equal (sd 0)
     * @param testToTrain mean n_test/n_train of the included splits, the Nadeau-Bengio correction's ratio
     * @param standardError {@code sdUsed * sqrt(1/k + n_test/n_train)}
     * @param lower95 one-sided 95% lower bound of the mean difference (corrected t, k - 1 degrees of freedom)
     * @param upper95 one-sided 95% upper bound; with {@code lower95} a two-sided 90% interval
     */
    public record Estimate(double mean, double sd, double resolution, double sdUsed, boolean noVariation,
                           double testToTrain, double standardError, double lower95, double upper95) {}

    /**
     * @param nadeauBengioT the corrected resampled t statistic, mean / standardError
     * @param nadeauBengioP its one-sided p for improved &gt; baseline (k - 1 degrees of freedom)
     * @param nadeauBengioPLess its one-sided p for improved &lt; baseline
     * @param signFlipP exact sign-flip p for improved &gt; baseline: the share of the 2^m sign assignments of the m
     *     nonzero differences whose sum is at least the observed one
     * @param signFlipPLess the same for improved &lt; baseline
     * @param signFlipFloor the smallest p the exact test can give here, 2^-m
     * @param signedRankP exact Wilcoxon signed-rank p for improved &gt; baseline (zeros dropped, midranks):
     *     shown, does not decide
     * @param reproducedP the p of "reproduced": both tests must reject, so it is the larger of the two
     * @param ruledOutP the corrected t-test's one-sided p against "the true gain is the paper's or more"; NaN
     *     without a paper gain
     * @param holmReproducedP {@code reproducedP} Holm-adjusted over every claim judged together
     * @param holmRuledOutP {@code ruledOutP} Holm-adjusted over every claim judged together
     */
    public record Tests(double nadeauBengioT, double nadeauBengioP, double nadeauBengioPLess, double signFlipP,
                        double signFlipPLess, double signFlipFloor, double signedRankP, double reproducedP,
                        double ruledOutP, double holmReproducedP, double holmRuledOutP) {

        Tests withHolm(double reproduced, double ruledOut) {
            return new Tests(nadeauBengioT, nadeauBengioP, nadeauBengioPLess, signFlipP, signFlipPLess, signFlipFloor,
                    signedRankP, reproducedP, ruledOutP, reproduced, ruledOut);
        }
    }

    /**
     * What this design could have detected ({@link DetectableEffect}), at the standard deviation it saw.
     *
     * @param mde80 the smallest true mean difference the rule judges reproduced with 80% power at this many
     *     splits; infinite (null in the JSON) where it never can
     * @param powerAtPaperGain the rule's power if the true gain were the paper's; NaN without a paper gain
     * @param splitsForPaperGain the fewest splits that would give 80% power at the paper's gain, if the standard
     *     deviation stayed as it is; null where no number of splits would, or without a paper gain
     * @param note the same in words
     */
    public record Detectability(double mde80, double powerAtPaperGain, Integer splitsForPaperGain, String note) {}

    /** The metric's display name. */
    public String metricLabel() {
        return ClaimedMetric.byKey(metric).label();
    }

    ClaimVerdict withHolm(double reproduced, double ruledOut) {
        return new ClaimVerdict(backbone, metric, paired, splits, differences, undefinedPairs, exercise, estimate,
                tests.withHolm(reproduced, ruledOut), detectability, paperGain, verdict, significantlyWorse, reason);
    }
}
