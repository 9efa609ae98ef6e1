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
     * @param t the corrected statistic; NaN when the standard deviation used is 0 (every difference equal, no floor):
     *     "no variation", never a t of +-infinity and a p of 0
     * @param df k - 1
     * @param pGreater one-sided p-value for mean difference &gt; 0; NaN where t is NaN
     * @param interval95 the corrected two-sided 95% t interval of the mean difference; undefined where t is NaN
     * @param standardError {@code sd * sqrt(1/k + n_test/n_train)}, sd never below the floor given
     */
    public record Result(double t, int df, double pGreater, Interval interval95, double standardError) {}

    private NadeauBengio() {}

    /**
     * @param differences improved minus baseline, one per split, all defined
     * @param testToTrain n_test / n_train of the splits
     */
    public static Result test(double[] differences, double testToTrain) {
        return test(differences, testToTrain, 0);
    }

    /**
     * As {@link #test(double[], double)}, with the standard deviation taken as at least {@code sdFloor}: the step
     * the compared metric moves in, so that equal differences of a step-valued metric give a finite statistic.
     */
    public static Result test(double[] differences, double testToTrain, double sdFloor) {
        if (!(sdFloor >= 0) || Double.isInfinite(sdFloor)) {
            throw new IllegalArgumentException("the standard deviation floor must be a finite number >= 0, got " + sdFloor);
        }
        if (!(testToTrain >= 0) || Double.isInfinite(testToTrain)) {
            throw new IllegalArgumentException("n_test/n_train must be a finite number >= 0, got " + testToTrain);
        }
        Summary s = Summary.of(differences);
        if (s.undefined() > 0) {
            throw new IllegalArgumentException("leave undefined differences out before testing: " + s.undefined() + " NaN");
        }
        int k = s.n();
        if (k < 2) {
            return new Result(Double.NaN, k - 1, Double.NaN, Interval.UNDEFINED, Double.NaN);
        }
        double sd = Math.max(s.sd(), sdFloor);
        double standardError = sd * Math.sqrt(1.0 / k + testToTrain);
        if (!(standardError > 0)) {
            return new Result(Double.NaN, k - 1, Double.NaN, Interval.UNDEFINED, standardError);
        }
        double t = s.mean() / standardError;
        return new Result(t, k - 1, StudentT.upperTail(t, k - 1), StudentT.interval(s.mean(), standardError, k - 1, 0.95),
                standardError);
    }
}
