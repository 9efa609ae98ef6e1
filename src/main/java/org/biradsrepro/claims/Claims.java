package org.biradsrepro.claims;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.biradsrepro.config.ClaimsMode;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.data.BiradsCategory;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.stats.Holm;

/**
 * Judges every backbone x metric claim on a set of results ({@link ClaimRule}), the pooled claim per metric, each
 * backbone's claim and the paper's. The rule ({@link #RULE}) was fixed before any result of it was seen, and is not
 * to be tuned to the data: {@code OperatingCharacteristicsTest} measures its error rates on simulated differences of
 * known truth, and fails if they drift.
 */
public final class Claims {

    /** Fewer defined pairs than this leave a claim uninformative: two pairs give a t-test one degree of freedom. */
    public static final int MIN_PAIRS = 3;
    /** One-sided significance level of every test in the rule. */
    public static final double ALPHA = 0.05;
    /** The backbone id of the pooled claims: per split, the mean difference over the backbones. */
    public static final String POOLED = "pooled";

    /**
     * The metric declared primary before any result under this rule was seen: macro one-vs-rest ROC AUC. It reads
     * the whole ranking of the test images, so it moves whenever the weights change what the network believes, not
     * only when an argmax crosses a class boundary, and its step is one positive-negative pair rather than one image;
     * it weighs the six classes equally, where accuracy is dominated by BI-RADS 1 (65% of the images); and it is
     * among the paper's six. The controls are judged on it, and it is the first thing the page reports.
     */
    public static final ClaimedMetric PRIMARY = ClaimedMetric.ROC_AUC;

    /** The paper's Table 2 order of backbones, then any other id by name. */
    static final Comparator<String> BACKBONE_ORDER = Comparator
            .comparingInt((String b) -> ReproConfig.PAPER_BACKBONES.contains(b)
                    ? ReproConfig.PAPER_BACKBONES.indexOf(b) : ReproConfig.PAPER_BACKBONES.size())
            .thenComparing(Comparator.naturalOrder());

    /** The verdict rule, as the page, the README and {@code claims.json} state it. */
    public static final String RULE = "For each backbone and metric, d is the value with the lowest-loss-epoch weights "
            + "minus the value with the last-epoch weights, on each split where both are defined. NOT EXERCISED: the "
            + "runs are paired and the kept epoch was the last epoch on every split, so the two evaluated weight sets "
            + "were identical and the claim was never applied. UNINFORMATIVE: fewer than " + MIN_PAIRS + " splits "
            + "with both values defined. Otherwise the tests: the Nadeau-Bengio corrected resampled t-test (t = "
            + "mean d / (s sqrt(1/k + n_test/n_train)), k - 1 degrees of freedom), where s is the standard deviation "
            + "of d but never less than the metric's step on these test sets (one image; one pair for ROC AUC), so that "
            + "equal differences give no p of 0 and no interval of width 0; and the exact sign-flip test (all 2^m "
            + "sign assignments of the m nonzero differences). REPRODUCED: mean d > 0 and both tests one-sided p < "
            + ALPHA + ". PAPER'S GAIN RULED OUT: not reproduced, and the corrected one-sided 95% upper bound of the "
            + "mean difference is below the gain the paper's Table 2 reports for that backbone and metric. "
            + "UNDETECTABLE: neither, shown with the smallest effect the rule detects with 80% power at this number "
            + "of splits, its power at the paper's gain, and the number of splits that would reach 80% there (or that "
            + "none would). Significantly worse (both tests one-sided p < " + ALPHA + " the other way) is said beside "
            + "the verdict. The pooled claim of a metric averages d over the backbones within each split (they share "
            + "the splits) and applies the same rule to the split means. Combined claims (a backbone's six metrics; "
            + "the paper's 36): REPRODUCED when every part is (an intersection-union test, level 5%; the paper's "
            + "claim needs all six backbones); PAPER'S GAIN RULED OUT when some part's gain is ruled out at its "
            + "Holm-adjusted level (family-wise error 5%); NOT EXERCISED when every part is; INCONCLUSIVE otherwise. "
            + "Primary metric, declared before results: " + PRIMARY.label() + ". repro.claims=enforce fails the build "
            + "only on a gain ruled out after Holm's adjustment, never on NOT EXERCISED, UNDETECTABLE or "
            + "UNINFORMATIVE. The exact signed-rank p is shown and does not decide.";

    private Claims() {}

    /**
     * One verdict per backbone (in the paper's Table 2 order, others after) x metric (in {@link ClaimedMetric}
     * order), with p-values Holm-adjusted over all of them. Each backbone's results must have distinct split
     * numbers and one pairing.
     */
    public static List<ClaimVerdict> evaluate(List<RunResult> results) {
        List<ClaimVerdict> verdicts = new ArrayList<>();
        for (Map.Entry<String, List<RunResult>> e : byBackbone(results).entrySet()) {
            for (ClaimedMetric metric : ClaimedMetric.values()) {
                verdicts.add(ClaimRule.judge(evidence(e.getKey(), metric, e.getValue())));
            }
        }
        return withHolm(verdicts);
    }

    /**
     * Per metric, the claim on the mean over the backbones: each split's differences averaged over the backbones
     * (which share the splits), then the rule on those split means. Splits where some backbone's value is undefined
     * are left out. It answers the paper's "generalizable across architectures" with the correlation of the shared
     * splits respected.
     */
    public static List<ClaimVerdict> pooled(List<RunResult> results) {
        Map<String, List<RunResult>> grouped = byBackbone(results);
        List<ClaimVerdict> verdicts = new ArrayList<>();
        for (ClaimedMetric metric : ClaimedMetric.values()) {
            List<Evidence> parts = grouped.entrySet().stream().map(e -> evidence(e.getKey(), metric, e.getValue())).toList();
            verdicts.add(ClaimRule.judge(pool(metric, parts, grouped)));
        }
        return withHolm(verdicts);
    }

    /** The pooled verdict of the primary metric. */
    public static ClaimVerdict pooledPrimary(List<RunResult> results) {
        return pooled(results).stream().filter(v -> v.metric().equals(PRIMARY.key())).findFirst().orElseThrow();
    }

    /** Each backbone's claim on all six metrics, in the order of {@code verdicts}. */
    public static List<OverallVerdict> perBackbone(List<ClaimVerdict> verdicts) {
        Map<String, List<ClaimVerdict>> grouped = new LinkedHashMap<>();
        verdicts.forEach(v -> grouped.computeIfAbsent(v.backbone(), k -> new ArrayList<>()).add(v));
        return grouped.entrySet().stream()
                .map(e -> combine(e.getKey() + ", all six metrics", List.of(e.getKey()), e.getValue(), ""))
                .toList();
    }

    /** The paper's claim: all six metrics on all six backbones. */
    public static OverallVerdict paperClaim(List<ClaimVerdict> verdicts) {
        List<String> backbones = verdicts.stream().map(ClaimVerdict::backbone).distinct().toList();
        List<String> missing = ReproConfig.PAPER_BACKBONES.stream().filter(b -> !backbones.contains(b)).toList();
        String gap = missing.isEmpty() ? "" : "only " + backbones.size() + " of the paper's six backbones ran (missing: "
                + String.join(", ", missing) + ")";
        return combine("all six metrics, all backbones", backbones, verdicts, gap);
    }

    /**
     * Whether a claim fails the build: with {@code repro.claims=enforce}, a gain ruled out even after Holm's
     * adjustment over every claim judged together, and nothing else. A claim not exercised or undetectable did not
     * refute the paper, and one ruled out at its own 5% alone is one of 36 chances.
     */
    public static boolean failsBuild(ClaimsMode mode, ClaimVerdict v) {
        return mode == ClaimsMode.ENFORCE && v.verdict() == Verdict.GAIN_RULED_OUT
                && v.tests().holmRuledOutP() < ALPHA;
    }

    /** Whether a combined verdict fails the build: with {@code repro.claims=enforce}, a gain ruled out. */
    public static boolean failsBuild(ClaimsMode mode, CombinedVerdict verdict) {
        return mode == ClaimsMode.ENFORCE && verdict == CombinedVerdict.GAIN_RULED_OUT;
    }

    private static List<ClaimVerdict> withHolm(List<ClaimVerdict> verdicts) {
        double[] reproduced = Holm.adjust(verdicts.stream().mapToDouble(v -> v.tests().reproducedP()).toArray());
        double[] ruledOut = Holm.adjust(verdicts.stream().mapToDouble(v -> v.tests().ruledOutP()).toArray());
        List<ClaimVerdict> adjusted = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            adjusted.add(verdicts.get(i).withHolm(reproduced[i], ruledOut[i]));
        }
        return adjusted;
    }

    private static OverallVerdict combine(String scope, List<String> backbones, List<ClaimVerdict> parts, String gap) {
        int reproduced = count(parts, Verdict.REPRODUCED);
        int ruledOut = count(parts, Verdict.GAIN_RULED_OUT);
        int undetectable = count(parts, Verdict.UNDETECTABLE);
        int notExercised = count(parts, Verdict.NOT_EXERCISED);
        int uninformative = count(parts, Verdict.UNINFORMATIVE);
        double[] holm = Holm.adjust(parts.stream().mapToDouble(v -> v.tests().ruledOutP()).toArray());
        List<String> ruledAfterHolm = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i).verdict() == Verdict.GAIN_RULED_OUT && holm[i] < ALPHA) {
                ruledAfterHolm.add(parts.get(i).backbone() + " " + parts.get(i).metricLabel());
            }
        }
        String tally = parts.size() + " claims: " + reproduced + " reproduced, " + ruledOut + " paper's gain ruled out ("
                + ruledAfterHolm.size() + " after Holm's adjustment over the " + parts.size() + "), " + undetectable
                + " undetectable, " + notExercised + " not exercised, " + uninformative + " uninformative";
        CombinedVerdict verdict;
        String reason;
        if (reproduced == parts.size() && gap.isEmpty()) {
            verdict = CombinedVerdict.REPRODUCED;
            reason = "every part reproduced (intersection-union test at " + ALPHA + "): " + tally;
        } else if (!ruledAfterHolm.isEmpty()) {
            verdict = CombinedVerdict.GAIN_RULED_OUT;
            reason = "the paper's gain is ruled out, at Holm-adjusted levels, for " + String.join(", ", ruledAfterHolm)
                    + ": " + tally;
        } else if (notExercised == parts.size()) {
            verdict = CombinedVerdict.NOT_EXERCISED;
            reason = "on every split the kept weights were the last epoch's: the claim was never applied; " + tally;
        } else {
            verdict = CombinedVerdict.INCONCLUSIVE;
            reason = (reproduced == parts.size() ? "every part reproduced, but " + gap
                    : "neither every part reproduced nor any gain ruled out after Holm's adjustment") + ": " + tally;
        }
        if (!gap.isEmpty() && verdict != CombinedVerdict.INCONCLUSIVE) {
            reason += "; " + gap;
        } else if (!gap.isEmpty() && reproduced != parts.size()) {
            reason += "; " + gap;
        }
        return new OverallVerdict(scope, backbones, parts.size(), reproduced, ruledOut, ruledAfterHolm.size(),
                undetectable, notExercised, uninformative, verdict, reason + ".");
    }

    private static int count(List<ClaimVerdict> verdicts, Verdict v) {
        return (int) verdicts.stream().filter(c -> c.verdict() == v).count();
    }

    static Map<String, List<RunResult>> byBackbone(List<RunResult> results) {
        Map<String, List<RunResult>> grouped = new TreeMap<>(BACKBONE_ORDER);
        for (RunResult r : results) {
            Objects.requireNonNull(r.backbone(), "a result without a backbone id");
            grouped.computeIfAbsent(r.backbone(), k -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<RunResult>> e : grouped.entrySet()) {
            List<RunResult> runs = e.getValue();
            runs.sort(Comparator.comparingInt(RunResult::split));
            for (int i = 1; i < runs.size(); i++) {
                if (runs.get(i).split() == runs.get(i - 1).split()) {
                    throw new IllegalArgumentException(e.getKey() + " has two results for split " + runs.get(i).split()
                            + ": claims need one result per split");
                }
            }
            if (runs.stream().map(RunResult::isPaired).distinct().count() > 1) {
                throw new IllegalArgumentException(e.getKey() + " mixes paired and independent results: "
                        + "judge one pairing at a time");
            }
        }
        return grouped;
    }

    /** The evidence on one backbone x metric from its runs. */
    static Evidence evidence(String backbone, ClaimedMetric metric, List<RunResult> runs) {
        List<Integer> splits = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        double ratioSum = 0;
        double resolution = Double.POSITIVE_INFINITY;
        String resolutionText = "n/a";
        int identical = 0;
        int changed = 0;
        boolean paired = !runs.isEmpty() && runs.stream().allMatch(RunResult::isPaired);
        for (RunResult r : runs) {
            if (r.isPaired() && r.bestEpoch() == r.lastEpoch()) {
                identical++;
            }
            RunResult.Variant b = r.variants().get(RunResult.BASELINE);
            RunResult.Variant i = r.variants().get(RunResult.IMPROVED);
            Double baseline = metric.of(b.metrics());
            Double improved = metric.of(i.metrics());
            if (baseline == null || improved == null || baseline.isNaN() || improved.isNaN()) {
                continue;
            }
            if (r.dataset().trainSize() <= 0) {
                throw new IllegalArgumentException(r.fileName() + ": training size " + r.dataset().trainSize()
                        + " cannot give n_test/n_train");
            }
            splits.add(r.split());
            differences.add(improved - baseline);
            ratioSum += (double) r.dataset().testSize() / r.dataset().trainSize();
            if (predictionsDiffer(b, i)) {
                changed++;
            }
            int[] counts = testCounts(b);
            double step = Resolution.of(metric, counts);
            if (step < resolution) {
                resolution = step;
                resolutionText = Resolution.describe(metric, counts);
            }
        }
        int n = differences.size();
        return new Evidence(backbone, metric, paired, splits, differences.stream().mapToDouble(Double::doubleValue).toArray(),
                runs.size() - n, runs.size(), identical, changed, n == 0 ? Double.NaN : ratioSum / n,
                n == 0 ? Double.NaN : resolution, resolutionText, paperGain(backbone, metric));
    }

    private static Evidence pool(ClaimedMetric metric, List<Evidence> parts, Map<String, List<RunResult>> runs) {
        // Splits every backbone has a defined difference on; the split means over the backbones.
        List<Integer> common = parts.isEmpty() ? List.of() : parts.get(0).splits().stream()
                .filter(s -> parts.stream().allMatch(p -> p.splits().contains(s))).toList();
        double[] means = new double[common.size()];
        int identical = 0;
        int changed = 0;
        for (int j = 0; j < common.size(); j++) {
            int split = common.get(j);
            for (Evidence p : parts) {
                means[j] += p.differences()[p.splits().indexOf(split)] / parts.size();
            }
            List<RunResult> ofSplit = runs.values().stream()
                    .map(rs -> rs.stream().filter(x -> x.split() == split).findFirst().orElseThrow()).toList();
            identical += ofSplit.stream().allMatch(r -> r.isPaired() && r.bestEpoch() == r.lastEpoch()) ? 1 : 0;
            changed += ofSplit.stream().anyMatch(r -> predictionsDiffer(r.variants().get(RunResult.BASELINE),
                    r.variants().get(RunResult.IMPROVED))) ? 1 : 0;
        }
        double ratio = parts.stream().mapToDouble(Evidence::testToTrain).filter(Double::isFinite).average().orElse(Double.NaN);
        double step = parts.stream().mapToDouble(Evidence::resolution).filter(Double::isFinite).min().orElse(Double.NaN)
                / Math.max(1, parts.size());
        double gain = parts.stream().anyMatch(p -> Double.isNaN(p.paperGain())) ? Double.NaN
                : parts.stream().mapToDouble(Evidence::paperGain).average().orElse(Double.NaN);
        boolean paired = parts.stream().allMatch(Evidence::paired);
        return new Evidence(POOLED, metric, paired, common, means,
                parts.stream().mapToInt(p -> p.runs()).max().orElse(0) - common.size(),
                parts.stream().mapToInt(Evidence::runs).max().orElse(0), identical, changed, ratio, step,
                String.format(java.util.Locale.ROOT, "%.3g", step), gain);
    }

    /** The paper's Table 2 gain for a backbone and metric; NaN for a backbone it did not run. */
    static double paperGain(String backbone, ClaimedMetric metric) {
        return PaperTable2.row(backbone).map(row -> row.gain(metric)).orElse(Double.NaN);
    }

    static int[] testCounts(RunResult.Variant v) {
        int[] counts = new int[BiradsCategory.COUNT];
        v.predictions().forEach(p -> counts[p.label()]++);
        return counts;
    }

    /** Whether any test image's predicted class (argmax of the stored probabilities) differs between the two. */
    static boolean predictionsDiffer(RunResult.Variant baseline, RunResult.Variant improved) {
        return changedPredictions(baseline, improved) > 0;
    }

    /**
     * How many test images' predicted classes (argmax of the stored probabilities) differ between two weight sets
     * of one run: a threshold metric can move only when this is above 0. Predictions of different lengths count
     * every image as changed.
     */
    public static int changedPredictions(RunResult.Variant baseline, RunResult.Variant improved) {
        List<RunResult.Prediction> b = baseline.predictions();
        List<RunResult.Prediction> i = improved.predictions();
        if (b.size() != i.size()) {
            return Math.max(b.size(), i.size());
        }
        int changed = 0;
        for (int k = 0; k < b.size(); k++) {
            changed += argmax(b.get(k).probabilities()) != argmax(i.get(k).probabilities()) ? 1 : 0;
        }
        return changed;
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }
}
