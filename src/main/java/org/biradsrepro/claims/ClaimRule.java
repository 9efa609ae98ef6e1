package org.biradsrepro.claims;

import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalInt;
import org.biradsrepro.stats.Interval;
import org.biradsrepro.stats.NadeauBengio;
import org.biradsrepro.stats.SignFlip;
import org.biradsrepro.stats.SignedRank;
import org.biradsrepro.stats.StudentT;
import org.biradsrepro.stats.Summary;

/**
 * The verdict on one claim, as a plain function of its {@link Evidence}; {@link Claims#RULE} says it in words.
 *
 * <p>Why two tests: the corrected resampled t-test (Nadeau and Bengio) accounts for the overlap of the splits'
 * training sets, but its t reference is wrong for differences that move in steps of one test image and are mostly
 * zero, and errs liberal there; the exact sign-flip test makes no distributional assumption but ignores the
 * overlap. Each alone is wrong somewhere; "reproduced" demands both. Why a standard-deviation floor: five equal
 * differences have sd 0, and a t statistic of +infinity, p = 0, would call five one-image gains certain.
 */
public final class ClaimRule {

    /** The tests of a verdict reached before any test could run (not exercised, uninformative): all undefined. */
    private static final ClaimVerdict.Tests NO_TESTS = new ClaimVerdict.Tests(Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    private ClaimRule() {}

    public static ClaimVerdict judge(Evidence e) {
        double[] d = e.differences();
        int k = d.length;
        Summary s = Summary.of(d);
        ClaimVerdict.Exercise exercise = new ClaimVerdict.Exercise(e.runs(), e.identicalWeights(),
                e.predictionsChanged(), (int) Arrays.stream(d).filter(x -> x != 0).count());
        String exerciseNote = exerciseNote(e, exercise);
        if (e.paired() && e.runs() > 0 && e.identicalWeights() == e.runs()) {
            return verdict(e, exercise, estimate(e, s, Double.NaN, Double.NaN), NO_TESTS,
                    new ClaimVerdict.Detectability(Double.NaN, Double.NaN, null, "not exercised: nothing to detect"),
                    Verdict.NOT_EXERCISED, false, "the kept epoch was the last epoch on all " + e.runs()
                            + " split(s), so both evaluations used identical weights: the claim was never applied here, "
                            + "which is evidence neither for nor against it");
        }
        if (k < Claims.MIN_PAIRS) {
            return verdict(e, exercise, estimate(e, s, Double.NaN, Double.NaN), NO_TESTS,
                    new ClaimVerdict.Detectability(Double.NaN, Double.NaN, null, "too few splits for any test"),
                    Verdict.UNINFORMATIVE, false, k + " split(s) with the metric defined for both weight sets ("
                            + e.undefinedPairs() + " undefined), fewer than the " + Claims.MIN_PAIRS + " any test needs");
        }
        double sdUsed = Math.max(s.sd(), e.resolution());
        NadeauBengio.Result nb = NadeauBengio.test(d, e.testToTrain(), e.resolution());
        double standardError = nb.standardError();
        ClaimVerdict.Estimate estimate = estimate(e, s, sdUsed, standardError);
        double t = nb.t();
        SignFlip.Result flip = SignFlip.test(d);
        double nbGreater = nb.pGreater();
        double nbLess = StudentT.upperTail(-t, k - 1);
        double ruledOutP = Double.isNaN(e.paperGain()) ? Double.NaN
                : StudentT.upperTail((e.paperGain() - s.mean()) / standardError, k - 1);
        ClaimVerdict.Tests tests = new ClaimVerdict.Tests(t, nbGreater, nbLess, flip.pGreater(), flip.pLess(),
                flip.smallestP(), SignedRank.greater(d).pGreater(), Math.max(nbGreater, flip.pGreater()), ruledOutP,
                Double.NaN, Double.NaN);
        ClaimVerdict.Detectability detectability = detectability(e, k, sdUsed);

        boolean reproduced = s.mean() > 0 && nbGreater < Claims.ALPHA && flip.pGreater() < Claims.ALPHA;
        boolean worse = s.mean() < 0 && nbLess < Claims.ALPHA && flip.pLess() < Claims.ALPHA;
        boolean ruledOut = ruledOutP < Claims.ALPHA;
        String numbers = String.format(Locale.ROOT, "mean difference %+.4f over %d splits (%d better, %d worse, %d "
                        + "equal)%s; corrected t p = %s, exact sign-flip p = %s", s.mean(), k, count(d, 1),
                count(d, -1), count(d, 0), estimate.noVariation() ? String.format(Locale.ROOT, "; no variation: every "
                        + "difference equal, so the standard deviation is taken as the metric's step, %s",
                        e.resolutionText()) : "", p(nbGreater), p(flip.pGreater()));
        String bound = String.format(Locale.ROOT, "one-sided 95%% upper bound %+.4f", estimate.upper95());
        String gain = Double.isNaN(e.paperGain()) ? "the paper reports no gain for this backbone"
                : String.format(Locale.ROOT, "the paper's gain %+.4f", e.paperGain());
        Verdict verdict;
        String reason;
        if (reproduced) {
            verdict = Verdict.REPRODUCED;
            reason = numbers + ", both < " + Claims.ALPHA + "; " + bound + (Double.isNaN(e.paperGain()) ? ""
                    : ruledOut ? " is below " + gain + ": the direction holds, the paper's size does not"
                    : " does not exclude " + gain);
        } else if (ruledOut) {
            verdict = Verdict.GAIN_RULED_OUT;
            reason = numbers + "; " + bound + " < " + gain + String.format(Locale.ROOT, " (p = %s)", p(ruledOutP));
        } else {
            verdict = Verdict.UNDETECTABLE;
            reason = numbers + (s.mean() > 0 ? ", not both < " + Claims.ALPHA : "") + "; " + bound
                    + (Double.isNaN(e.paperGain()) ? "" : " does not exclude " + gain) + "; " + detectability.note();
        }
        if (worse) {
            reason += String.format(Locale.ROOT, "; the lowest-loss weights were significantly worse (corrected t p = %s, "
                    + "sign-flip p = %s, one-sided)", p(nbLess), p(flip.pLess()));
        }
        return verdict(e, exercise, estimate, tests, detectability, verdict, worse, reason + exerciseNote);
    }

    private static ClaimVerdict verdict(Evidence e, ClaimVerdict.Exercise exercise, ClaimVerdict.Estimate estimate,
                                        ClaimVerdict.Tests tests, ClaimVerdict.Detectability detectability,
                                        Verdict verdict, boolean worse, String reason) {
        return new ClaimVerdict(e.backbone(), e.metric().key(), e.paired(), e.splits(), e.differences(),
                e.undefinedPairs(), exercise, estimate, tests, detectability, e.paperGain(), verdict, worse,
                reason + ".");
    }

    private static ClaimVerdict.Estimate estimate(Evidence e, Summary s, double sdUsed, double standardError) {
        Interval bounds = oneSidedBounds(s.mean(), standardError, s.n());
        return new ClaimVerdict.Estimate(s.mean(), s.sd(), e.resolution(), sdUsed, s.n() >= 2 && s.sd() == 0,
                e.testToTrain(), standardError, bounds.low(), bounds.high());
    }

    /**
     * The one-sided 95% lower and upper bounds of a mean with this corrected standard error over {@code k} splits:
     * together, the two-sided 90% t interval. Undefined for fewer than two splits or no standard error.
     */
    static Interval oneSidedBounds(double mean, double standardError, int k) {
        return StudentT.interval(mean, standardError, k - 1, 1 - 2 * Claims.ALPHA);
    }

    private static ClaimVerdict.Detectability detectability(Evidence e, int k, double sdUsed) {
        double mde = DetectableEffect.standardizedMde(k, e.testToTrain()) * sdUsed;
        String mdeText = Double.isInfinite(mde)
                ? "with " + k + " splits the exact sign-flip test cannot reach p < " + Claims.ALPHA + ", so no effect is detectable"
                : String.format(Locale.ROOT, "smallest effect detectable with 80%% power at %d splits: %+.4f", k, mde);
        if (Double.isNaN(e.paperGain())) {
            return new ClaimVerdict.Detectability(mde, Double.NaN, null, mdeText);
        }
        double standardized = e.paperGain() / sdUsed;
        double power = DetectableEffect.power(standardized, k, e.testToTrain());
        OptionalInt needed = DetectableEffect.splitsFor(standardized, k, e.testToTrain());
        String reach = needed.isEmpty()
                ? "80% power at the paper's gain is not reachable by more splits; it needs more test data or repeated runs"
                : needed.getAsInt() <= k ? "the paper's gain is detectable at this number of splits"
                : "80% power at the paper's gain needs " + needed.getAsInt() + " splits";
        return new ClaimVerdict.Detectability(mde, power, needed.isPresent() ? needed.getAsInt() : null,
                String.format(Locale.ROOT, "%s; power at the paper's gain %.2f; %s", mdeText, power, reach));
    }

    /** Where weights differed but the metric could not move, say so, with the metric's step. */
    private static String exerciseNote(Evidence e, ClaimVerdict.Exercise x) {
        if (x.metricMoved() > 0 || e.differences().length == 0) {
            return e.paired() && x.identicalWeights() > 0
                    ? "; identical weights (kept epoch = last) on " + x.identicalWeights() + " of " + x.runs() + " splits" : "";
        }
        String same = e.paired() && x.identicalWeights() > 0
                ? " identical on " + x.identicalWeights() + " of " + x.runs() + " splits, and where they differed" : "";
        String why = e.metric().thresholded() && x.predictionsChanged() == 0
                ? "no test prediction changed class" : "the metric did not move";
        return "; the weights were" + (same.isEmpty() ? " different, but" : same) + " " + why + " on any split (its step "
                + e.resolutionText() + ")";
    }

    private static int count(double[] d, int sign) {
        return (int) Arrays.stream(d).filter(x -> Math.signum(x) == sign).count();
    }

    static String p(double p) {
        return Double.isNaN(p) ? "n/a" : String.format(Locale.ROOT, p < 0.0001 ? "%.1e" : "%.4f", p);
    }
}
