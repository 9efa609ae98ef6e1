package org.biradsrepro.claims;

import java.util.Arrays;
import java.util.List;

/**
 * What {@link ClaimRule} judges one claim on: the per-split differences and the facts about the design that say
 * what they can mean. Gathered from results files by {@link Claims}, or made up by a simulation of the rule.
 *
 * @param backbone registry id, or {@link Claims#POOLED}
 * @param metric the metric
 * @param paired whether both weight sets came from one training run per split
 * @param splits the included split numbers
 * @param differences improved minus baseline per included split
 * @param undefinedPairs splits left out because the metric was undefined for a weight set
 * @param runs all splits of the backbone, included or not
 * @param identicalWeights runs whose two weight sets were identical (paired, kept epoch = last epoch)
 * @param predictionsChanged included splits where some test prediction changed class between the weight sets
 * @param testToTrain mean n_test/n_train over the included splits
 * @param resolution the metric's finest step on these test sets ({@link Resolution})
 * @param resolutionText the step in words, e.g. {@code 1/74 = 0.0135}
 * @param paperGain the paper's reported gain, NaN where it reports none
 */
public record Evidence(String backbone, ClaimedMetric metric, boolean paired, List<Integer> splits,
                       double[] differences, int undefinedPairs, int runs, int identicalWeights,
                       int predictionsChanged, double testToTrain, double resolution, String resolutionText,
                       double paperGain) {

    public Evidence {
        if (splits.size() != differences.length) {
            throw new IllegalArgumentException(splits.size() + " splits but " + differences.length + " differences");
        }
        if (Arrays.stream(differences).anyMatch(d -> !Double.isFinite(d))) {
            throw new IllegalArgumentException("leave undefined differences out: " + Arrays.toString(differences));
        }
        splits = List.copyOf(splits);
        differences = differences.clone();
    }

    /** Synthetic evidence for simulations of the rule: every split included, weights differing everywhere. */
    public static Evidence of(ClaimedMetric metric, double[] differences, double testToTrain, double resolution,
                              double paperGain) {
        List<Integer> splits = java.util.stream.IntStream.rangeClosed(1, differences.length).boxed().toList();
        return new Evidence("simulated", metric, true, splits, differences, 0, differences.length, 0,
                differences.length, testToTrain, resolution, String.format(java.util.Locale.ROOT, "%.3g", resolution),
                paperGain);
    }
}
