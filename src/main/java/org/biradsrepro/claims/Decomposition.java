package org.biradsrepro.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.statistics.distribution.BetaDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.stats.Interval;
import org.biradsrepro.stats.NadeauBengio;
import org.biradsrepro.stats.Summary;

/**
 * How much of the paper's gain the choice of checkpoint could explain, beside how much two runs of the same
 * algorithm differ anyway: the question Table 2 cannot answer, since its two algorithms come from separate
 * experiments. With R independent trainings per split ({@code repro.replicates}), each split has B_jr and I_jr, the
 * last-epoch and kept-epoch values of run r. Then:
 * <ul>
 *   <li>the checkpoint effect, C_jr = I_jr - B_jr, averaged over runs then splits, with the corrected interval of
 *       {@link ClaimRule} (Nadeau-Bengio, sd floored at the metric's step) and its firing rate, the share of
 *       trainings whose kept epoch was not the last (Clopper-Pearson 95%);</li>
 *   <li>the run-to-run spread of Algorithm 1, the pooled within-split sd of B_jr, and the split-to-split spread,
 *       sqrt(var_j(mean_r B_jr) - var_run / R), floored at 0;</li>
 *   <li>the A/A differences of two runs of Algorithm 1 on a split, B_j1 - B_j2;</li>
 *   <li>the paper-style cross-run gain, X_j = I_j1 - B_j2 (kept weights of run 1 against last-epoch weights of run
 *       2), which splits exactly into its checkpoint part, I_j1 - B_j1, and its A/A part, B_j1 - B_j2;</li>
 *   <li>the probability that two 5-split experiments of Algorithm 1 on fresh splits differ by at least the paper's
 *       gain either way: a normal gap with variance 2 (var_run + var_split) / 5, the spreads as measured here;</li>
 *   <li>the share of the paper's gain the checkpoint effect explains, with its interval.</li>
 * </ul>
 * The spreads measured here (seeded heads and shuffling, a deterministic CPU, a frozen backbone, shared splits) are
 * a lower bound on the paper's, whose runs differed in GPU nondeterminism, perhaps fine-tuned layers and new splits.
 *
 * @param backbone registry id
 * @param metric metric key
 * @param splits the splits with the metric defined for every run's two weight sets
 * @param runs trainings per split used (R)
 * @param checkpointEffect mean over splits of the per-split mean over runs of I - B
 * @param checkpointLower95 its corrected one-sided 95% lower bound
 * @param checkpointUpper95 its corrected one-sided 95% upper bound
 * @param fired trainings whose kept epoch was not the last
 * @param trainings k R
 * @param firingLower95 Clopper-Pearson two-sided 95% lower bound of the firing rate
 * @param firingUpper95 its upper bound
 * @param runToRunSd sd of Algorithm 1's value between runs of one split (pooled, R - 1 degrees of freedom a split)
 * @param splitToSplitSd sd of Algorithm 1's value between splits, run-to-run variance removed
 * @param aaDifferences B_j1 - B_j2 per split
 * @param aaSd their sd
 * @param crossRunGain mean of I_j1 - B_j2
 * @param crossRunCheckpointPart mean of I_j1 - B_j1
 * @param crossRunAaPart mean of B_j1 - B_j2 (the two parts add up to the gain exactly)
 * @param paperGain the paper's reported gain; NaN where it reports none
 * @param sameAlgorithmGapP probability that two 5-split experiments of Algorithm 1 differ by at least the paper's
 *     gain, either way
 * @param shareExplained checkpointEffect / paperGain
 * @param perSplit the four (or 2R) values per split, for the plot
 */
public record Decomposition(String backbone, String metric, List<Integer> splits, int runs, double checkpointEffect,
                            double checkpointLower95, double checkpointUpper95, int fired, int trainings,
                            double firingLower95, double firingUpper95, double runToRunSd, double splitToSplitSd,
                            double[] aaDifferences, double aaSd, double crossRunGain, double crossRunCheckpointPart,
                            double crossRunAaPart, double paperGain, double sameAlgorithmGapP, double shareExplained,
                            List<SplitValues> perSplit) {

    /** One split's values: per run, last-epoch (baseline) and kept-epoch (improved). */
    public record SplitValues(int split, double[] baseline, double[] improved, boolean[] fired) {}

    /** The number of splits a paper-style experiment has: five test sets (paper, section 4.1). */
    public static final int PAPER_SPLITS = 5;

    /** The firing rate, fired / trainings. */
    public double firingRate() {
        return trainings == 0 ? Double.NaN : (double) fired / trainings;
    }

    /** One decomposition per backbone x metric of the results that hold replicates; none for those that do not. */
    public static List<Decomposition> of(List<RunResult> results) {
        List<Decomposition> out = new ArrayList<>();
        for (Map.Entry<String, List<RunResult>> e : Claims.byBackbone(results).entrySet()) {
            List<RunResult> runs = e.getValue();
            int r = 1 + runs.stream().mapToInt(x -> x.replicates().size()).min().orElse(0);
            if (r < 2 || !runs.stream().allMatch(RunResult::isPaired)) {
                continue;
            }
            for (ClaimedMetric metric : ClaimedMetric.values()) {
                out.add(of(e.getKey(), metric, runs, r));
            }
        }
        return out;
    }

    static Decomposition of(String backbone, ClaimedMetric metric, List<RunResult> runs, int r) {
        List<SplitValues> perSplit = new ArrayList<>();
        double ratio = 0;
        double step = Double.POSITIVE_INFINITY;
        for (RunResult result : runs) {
            double[] b = new double[r];
            double[] i = new double[r];
            boolean[] fired = new boolean[r];
            boolean defined = true;
            for (int run = 0; run < r; run++) {
                Map<String, RunResult.Variant> v = run == 0 ? result.variants() : result.replicates().get(run - 1).variants();
                b[run] = metric.orNaN(v.get(RunResult.BASELINE).metrics());
                i[run] = metric.orNaN(v.get(RunResult.IMPROVED).metrics());
                fired[run] = run == 0 ? result.bestEpoch() != result.lastEpoch()
                        : result.replicates().get(run - 1).bestEpoch() != result.replicates().get(run - 1).lastEpoch();
                defined &= !Double.isNaN(b[run]) && !Double.isNaN(i[run]);
            }
            if (defined) {
                perSplit.add(new SplitValues(result.split(), b, i, fired));
                ratio += (double) result.dataset().testSize() / result.dataset().trainSize();
                step = Math.min(step, Resolution.of(metric, Claims.testCounts(result.variants().get(RunResult.BASELINE))));
            }
        }
        int k = perSplit.size();
        double[] c = perSplit.stream().mapToDouble(s -> mean(diff(s.improved(), s.baseline()))).toArray();
        double[] aa = perSplit.stream().mapToDouble(s -> s.baseline()[0] - s.baseline()[1]).toArray();
        double[] checkpoint1 = perSplit.stream().mapToDouble(s -> s.improved()[0] - s.baseline()[0]).toArray();
        double[] cross = perSplit.stream().mapToDouble(s -> s.improved()[0] - s.baseline()[1]).toArray();
        int fired = perSplit.stream().mapToInt(s -> count(s.fired())).sum();
        int trainings = k * r;
        double withinSs = 0;
        double[] splitMeans = new double[k];
        for (int j = 0; j < k; j++) {
            double m = mean(perSplit.get(j).baseline());
            splitMeans[j] = m;
            for (double v : perSplit.get(j).baseline()) {
                withinSs += (v - m) * (v - m);
            }
        }
        double runVar = k == 0 ? Double.NaN : withinSs / (k * (r - 1.0));
        double splitMeansSd = Summary.of(splitMeans).sd();
        double splitVar = k < 2 ? Double.NaN : Math.max(0, splitMeansSd * splitMeansSd - runVar / r);
        Interval bounds = k < 2 ? Interval.UNDEFINED
                : ClaimRule.oneSidedBounds(mean(c), NadeauBengio.test(c, ratio / k, step).standardError(), k);
        double gain = Claims.paperGain(backbone, metric);
        double gapSd = Math.sqrt(2 * (runVar + (Double.isNaN(splitVar) ? 0 : splitVar)) / PAPER_SPLITS);
        double gapP = Double.isNaN(gain) || !(gapSd > 0) ? Double.NaN
                : 2 * NormalDistribution.of(0, 1).survivalProbability(Math.abs(gain) / gapSd);
        return new Decomposition(backbone, metric.key(), perSplit.stream().map(SplitValues::split).toList(), r,
                mean(c), bounds.low(), bounds.high(), fired, trainings, clopperPearson(fired, trainings, true),
                clopperPearson(fired, trainings, false), Math.sqrt(runVar), Math.sqrt(splitVar), aa,
                k < 2 ? Double.NaN : Summary.of(aa).sd(), mean(cross), mean(checkpoint1), mean(aa), gain, gapP,
                mean(c) / gain, perSplit);
    }

    /** The exact (Clopper-Pearson) two-sided 95% interval of a binomial proportion. */
    static double clopperPearson(int x, int n, boolean lower) {
        if (n == 0) {
            return Double.NaN;
        }
        if (lower) {
            return x == 0 ? 0 : BetaDistribution.of(x, n - x + 1.0).inverseCumulativeProbability(0.025);
        }
        return x == n ? 1 : BetaDistribution.of(x + 1.0, n - x).inverseCumulativeProbability(0.975);
    }

    private static double[] diff(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static double mean(double[] v) {
        return v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
    }

    private static int count(boolean[] b) {
        int n = 0;
        for (boolean x : b) {
            n += x ? 1 : 0;
        }
        return n;
    }
}
