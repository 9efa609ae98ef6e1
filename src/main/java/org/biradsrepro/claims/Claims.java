package org.biradsrepro.claims;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.biradsrepro.config.ClaimsMode;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.metrics.ChanceLevel;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.stats.Bootstrap;
import org.biradsrepro.stats.Interval;
import org.biradsrepro.stats.NadeauBengio;
import org.biradsrepro.stats.Summary;
import org.biradsrepro.stats.WilcoxonSignedRank;

/**
 * Judges every backbone x metric claim on a set of results, then each backbone's claim and the paper's claim.
 * The rule ({@link #RULE}) was fixed before any result was looked at and is not to be tuned to the data.
 *
 * <p>Why this rule: the claim has a direction (lowest-loss weights beat last-epoch weights), so the test is
 * one-sided. The splits share most of their training images, so their differences are correlated; the
 * Nadeau-Bengio correction is the standard answer for repeated random splits, and the plain t-test, the
 * bootstrap and the Wilcoxon test, which assume independent splits, are shown but do not decide. "Not
 * reproduced" means the reproduction did not even see the claimed direction (mean difference at or below 0);
 * the right direction without significance is "inconclusive", never "reproduced".
 *
 * <p>Why "uninformative": a network that learned nothing (its test predictions one class, or its ranking of the
 * test images no better than chance, {@link org.biradsrepro.metrics.ChanceLevel}) cannot tell which of two weight
 * sets is better. Its differences are ties or noise, and "not reproduced" drawn from them would be a statement
 * about the suite, not the paper. Splits where both variants learned nothing are therefore left out, as undefined
 * pairs are; a claim with no split left is not tested at all, and says so. A split where only one variant learned
 * something stays in: that difference is exactly what the choice of weights did.
 */
public final class Claims {

    /** Fewer defined pairs than this leave a claim inconclusive: two pairs give a t-test with one degree of freedom. */
    public static final int MIN_PAIRS = 3;
    /** One-sided significance level of the Nadeau-Bengio test. */
    public static final double ALPHA = 0.05;
    /** Seed of the bootstrap resampling, so that equal results give equal intervals. */
    public static final long BOOTSTRAP_SEED = 20_231_125L;

    /** The paper's Table 2 order of backbones, then any other id by name. */
    static final Comparator<String> BACKBONE_ORDER = Comparator
            .comparingInt((String b) -> ReproConfig.PAPER_BACKBONES.contains(b)
                    ? ReproConfig.PAPER_BACKBONES.indexOf(b) : ReproConfig.PAPER_BACKBONES.size())
            .thenComparing(Comparator.naturalOrder());

    /** The verdict rule, as shown on the report page. */
    public static final String RULE = "For each backbone and metric, d is the improved value (lowest-loss-epoch "
            + "weights) minus the baseline value (last-epoch weights) on each split where both are defined; splits "
            + "with an undefined value are left out and counted. REPRODUCED: at least " + MIN_PAIRS + " such splits, "
            + "mean d > 0, and the Nadeau-Bengio corrected resampled t-test (variance factor 1/k + n_test/n_train, "
            + "k - 1 degrees of freedom), one-sided for improved > baseline, gives p < " + ALPHA + ". NOT REPRODUCED: "
            + "at least " + MIN_PAIRS + " such splits and mean d <= 0, so the reproduction did not see the claimed "
            + "improvement at all. INCONCLUSIVE: everything else, that is a positive mean that is not significant, "
            + "or fewer than " + MIN_PAIRS + " splits. The bootstrap and t intervals and the Wilcoxon test are "
            + "evidence shown beside the verdict and do not decide it: with 5 splits the exact one-sided Wilcoxon "
            + "test reaches p < 0.05 only when all 5 improve (p = 1/32), and the bootstrap treats overlapping "
            + "training sets as independent. UNINFORMATIVE: a run (one backbone, split and variant) is "
            + "uninformative when all its test "
            + "predictions (argmax of the stored probabilities) are one class, or its macro one-vs-rest ROC AUC is "
            + "undefined or within " + String.format(Locale.ROOT, "%.2f", ChanceLevel.Z) + " standard deviations of "
            + "0.5, the deviation chance gives with these scores when the test labels are shuffled (two-sided 5%): "
            + "such a model learned nothing measurable. A split whose two variants are both uninformative is left out "
            + "of every claim and counted; a split with one informative variant stays in, since its difference is "
            + "the effect of the choice of weights. A claim whose every split was left out so is UNINFORMATIVE: the "
            + "models learned nothing and the claim was not tested, which is evidence neither for nor against it. "
            + "When only some splits are left out, the rule above is applied to those that remain (fewer than "
            + MIN_PAIRS + ": INCONCLUSIVE). A backbone's claim (all six metrics) and the paper's claim (all six "
            + "metrics on all six backbones) are REPRODUCED when every claim in them is, NOT REPRODUCED when any is "
            + "not reproduced, UNINFORMATIVE when every claim in them is uninformative, and INCONCLUSIVE otherwise, "
            + "a mix of uninformative and other verdicts included (part of the claim was not tested); the paper's "
            + "claim is REPRODUCED only when all six backbones ran. repro.claims=enforce fails the build on NOT "
            + "REPRODUCED alone, never on UNINFORMATIVE. The rule was fixed before any result was seen, except the "
            + "uninformative-run test, added after runs that had learned nothing were seen; its level (two-sided "
            + "5%) is the conventional one and was not tuned to them.";

    private Claims() {}

    /**
     * One verdict per backbone (in the paper's Table 2 order, others after) x metric (in {@link ClaimedMetric}
     * order). Each backbone's results must have distinct split numbers and one pairing.
     */
    public static List<ClaimVerdict> evaluate(List<RunResult> results) {
        List<ClaimVerdict> verdicts = new ArrayList<>();
        for (Map.Entry<String, List<RunResult>> e : byBackbone(results).entrySet()) {
            for (ClaimedMetric metric : ClaimedMetric.values()) {
                verdicts.add(judge(e.getKey(), metric, e.getValue()));
            }
        }
        return verdicts;
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
     * Whether a verdict fails the build: with {@code repro.claims=enforce}, a claim judged not reproduced, and
     * nothing else. An uninformative claim was not tested, so it cannot refute the paper; an inconclusive one did
     * not refute it either.
     */
    public static boolean failsBuild(ClaimsMode mode, Verdict verdict) {
        return mode == ClaimsMode.ENFORCE && verdict == Verdict.NOT_REPRODUCED;
    }

    private static OverallVerdict combine(String scope, List<String> backbones, List<ClaimVerdict> parts, String gap) {
        int reproduced = count(parts, Verdict.REPRODUCED);
        int notReproduced = count(parts, Verdict.NOT_REPRODUCED);
        int inconclusive = count(parts, Verdict.INCONCLUSIVE);
        int uninformative = count(parts, Verdict.UNINFORMATIVE);
        String tally = reproduced + " of " + parts.size() + " claims reproduced, " + notReproduced + " not reproduced, "
                + inconclusive + " inconclusive, " + uninformative + " uninformative";
        Verdict verdict;
        String reason;
        if (notReproduced > 0) {
            verdict = Verdict.NOT_REPRODUCED;
            reason = tally + ": not reproduced where " + String.join(", ", parts.stream()
                    .filter(v -> v.verdict() == Verdict.NOT_REPRODUCED)
                    .map(v -> v.backbone() + " " + v.metricLabel()).toList());
        } else if (!parts.isEmpty() && uninformative == parts.size()) {
            verdict = Verdict.UNINFORMATIVE;
            reason = tally + ": the models learned nothing, so the claim was not tested"
                    + (gap.isEmpty() ? "" : "; " + gap);
        } else if (parts.isEmpty() || reproduced < parts.size() || !gap.isEmpty()) {
            verdict = Verdict.INCONCLUSIVE;
            reason = gap.isEmpty() ? tally : tally + "; " + gap;
            if (uninformative > 0) {
                reason += "; uninformative where " + String.join(", ", parts.stream()
                        .filter(v -> v.verdict() == Verdict.UNINFORMATIVE).map(ClaimVerdict::backbone).distinct()
                        .toList()) + ": that part was not tested";
            }
            List<String> partly = parts.stream().filter(v -> v.verdict() != Verdict.UNINFORMATIVE
                    && v.uninformativePairs() > 0).map(v -> v.backbone() + " " + v.uninformativePairs() + " of "
                    + (v.splits().size() + v.undefinedPairs() + v.uninformativePairs())).distinct().toList();
            if (!partly.isEmpty()) {
                reason += "; splits left out because both variants learned nothing: " + String.join(", ", partly);
            }
        } else {
            verdict = Verdict.REPRODUCED;
            reason = tally;
        }
        return new OverallVerdict(scope, backbones, parts.size(), reproduced, notReproduced, inconclusive,
                uninformative, verdict, reason + ".");
    }

    private static int count(List<ClaimVerdict> verdicts, Verdict v) {
        return (int) verdicts.stream().filter(c -> c.verdict() == v).count();
    }

    private static Map<String, List<RunResult>> byBackbone(List<RunResult> results) {
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

    private static ClaimVerdict judge(String backbone, ClaimedMetric metric, List<RunResult> runs) {
        List<Integer> splits = new ArrayList<>();
        List<Double> differences = new ArrayList<>();
        double ratioSum = 0;
        int learnedNothing = 0;
        for (RunResult r : runs) {
            if (EpochDiagnostics.learnedNothing(r)) {
                learnedNothing++;
                continue;
            }
            Double baseline = metric.of(r.variants().get(RunResult.BASELINE).metrics());
            Double improved = metric.of(r.variants().get(RunResult.IMPROVED).metrics());
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
        }
        double[] d = differences.stream().mapToDouble(Double::doubleValue).toArray();
        int n = d.length;
        int undefined = runs.size() - learnedNothing - n;
        Summary s = Summary.of(d);
        NadeauBengio.Result nb = n == 0 ? new NadeauBengio.Result(Double.NaN, -1, Double.NaN, Interval.UNDEFINED)
                : NadeauBengio.test(d, ratioSum / n);
        WilcoxonSignedRank.Result w = n == 0 ? new WilcoxonSignedRank.Result(Double.NaN, Double.NaN, false, 0, false)
                : WilcoxonSignedRank.greater(d);
        Interval bootstrap = n < 2 ? Interval.UNDEFINED
                : Bootstrap.percentileInterval(d, 0.95, Bootstrap.RESAMPLES, BOOTSTRAP_SEED);

        Verdict verdict;
        String reason;
        String direction = String.format(Locale.ROOT, "mean difference %+.4f over %d splits (%d improve, %d worsen, %d tie)",
                s.mean(), n, countIf(d, +1), countIf(d, -1), countIf(d, 0));
        String leftOutNote = (undefined == 0 ? "" : "; " + undefined + " split(s) left out as undefined")
                + (learnedNothing == 0 ? "" : "; " + learnedNothing + " split(s) left out because both variants "
                        + "learned nothing");
        if (!runs.isEmpty() && learnedNothing == runs.size()) {
            verdict = Verdict.UNINFORMATIVE;
            reason = "on all " + runs.size() + " split(s) both variants learned nothing (one predicted class, or a "
                    + "macro ROC AUC at chance): the claim was not tested";
        } else if (n < MIN_PAIRS) {
            verdict = Verdict.INCONCLUSIVE;
            reason = n + " split(s) with both values defined" + (learnedNothing == 0 ? "" : " and a variant that learned "
                    + "something") + ", fewer than the " + MIN_PAIRS + " the rule needs" + leftOutNote;
        } else if (!(s.mean() > 0)) {
            verdict = Verdict.NOT_REPRODUCED;
            reason = direction + ": the lowest-loss weights did not beat the last-epoch weights" + leftOutNote;
        } else if (nb.pGreater() < ALPHA) {
            verdict = Verdict.REPRODUCED;
            reason = direction + String.format(Locale.ROOT, ", Nadeau-Bengio one-sided p = %.4f < %.2f", nb.pGreater(), ALPHA)
                    + leftOutNote;
        } else {
            verdict = Verdict.INCONCLUSIVE;
            reason = direction + String.format(Locale.ROOT, ", but Nadeau-Bengio one-sided p = %.4f is not below %.2f",
                    nb.pGreater(), ALPHA) + leftOutNote;
        }
        return new ClaimVerdict(backbone, metric.key(), List.copyOf(splits), d, undefined, learnedNothing, s.mean(), s.sd(),
                interval(bootstrap), interval(nb.interval95()), nb.t(), nb.pGreater(), w.pGreater(), w.exact(),
                WilcoxonSignedRank.smallestOneSidedP(n), verdict, reason + ".");
    }

    private static int countIf(double[] d, int sign) {
        return (int) Arrays.stream(d).filter(x -> Math.signum(x) == sign).count();
    }

    private static ClaimVerdict.Interval interval(Interval i) {
        return new ClaimVerdict.Interval(i.low(), i.high());
    }
}
