package org.biradsrepro.stats;

/**
 * The corrected resampled t-test of Nadeau and Bengio (2003, "Inference for the generalization error") for k
 * random train/test splits of one data set. The training sets of different splits overlap, so the k differences
 * are positively correlated and the plain t-test's variance var(d)/k is too small; the correction replaces 1/k by
 * 1/k + n_test/n_train:
 * <pre>t = mean(d) / sqrt((1/k + n_test/n_train) * var(d)),   var with ddof 1,   k - 1 degrees of freedom.</pre>
 * The p-value is one-sided, for the alternative "mean difference &gt; 0" (improved better than baseline), because
 * the paper's claim has a direction.
 */
public final class NadeauBengio {

    /**
     * @param t the corrected statistic; +-infinity when every difference is equal and nonzero, NaN when all are 0
     * @param df k - 1
     * @param pGreater one-sided p-value for mean difference &gt; 0; NaN where t is NaN
     * @param interval95 the corrected two-sided 95% t interval of the mean difference
     */
    public record Result(double t, int df, double pGreater, Interval interval95) {}

    private NadeauBengio() {}

    /**
     * @param differences improved minus baseline, one per split, all defined
     * @param testToTrain n_test / n_train of the splits
     */
    public static Result test(double[] differences, double testToTrain) {
        if (!(testToTrain >= 0) || Double.isInfinite(testToTrain)) {
            throw new IllegalArgumentException("n_test/n_train must be a finite number >= 0, got " + testToTrain);
        }
        Summary s = Summary.of(differences);
        if (s.undefined() > 0) {
            throw new IllegalArgumentException("leave undefined differences out before testing: " + s.undefined() + " NaN");
        }
        int k = s.n();
        if (k < 2) {
            return new Result(Double.NaN, k - 1, Double.NaN, Interval.UNDEFINED);
        }
        double standardError = Math.sqrt((1.0 / k + testToTrain) * s.sd() * s.sd());
        double t = standardError > 0 ? s.mean() / standardError
                : s.mean() > 0 ? Double.POSITIVE_INFINITY : s.mean() < 0 ? Double.NEGATIVE_INFINITY : Double.NaN;
        double p = Double.isNaN(t) ? Double.NaN : StudentT.upperTail(t, k - 1);
        return new Result(t, k - 1, p, StudentT.interval(s.mean(), standardError, k - 1, 0.95));
    }
}
