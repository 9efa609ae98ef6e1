package org.biradsrepro.stats;

import org.apache.commons.statistics.distribution.TDistribution;

/** Student's t distribution: quantiles, tail probabilities and the t interval of a mean. */
public final class StudentT {

    private StudentT() {}

    /** The {@code p} quantile of the t distribution with {@code df} degrees of freedom (scipy's {@code t.ppf}). */
    public static double quantile(double p, double df) {
        return TDistribution.of(df).inverseCumulativeProbability(p);
    }

    /** P(T &gt; t) with {@code df} degrees of freedom (scipy's {@code t.sf}); exact at the infinities. */
    public static double upperTail(double t, double df) {
        if (t == Double.POSITIVE_INFINITY) {
            return 0;
        }
        if (t == Double.NEGATIVE_INFINITY) {
            return 1;
        }
        return TDistribution.of(df).survivalProbability(t);
    }

    /** {@code mean +- t_{(1+level)/2, df} * standardError}: the two-sided interval at {@code level}. */
    public static Interval interval(double mean, double standardError, double df, double level) {
        if (!(df >= 1) || Double.isNaN(mean) || Double.isNaN(standardError)) {
            return Interval.UNDEFINED;
        }
        double half = quantile((1 + level) / 2, df) * standardError;
        return new Interval(mean - half, mean + half);
    }

    /**
     * The textbook t interval of the mean of independent values: standard error sd / sqrt(n), n - 1 degrees of
     * freedom. Values from overlapping training sets are not independent: see {@link NadeauBengio} for the
     * corrected interval.
     */
    public static Interval meanInterval(double[] values, double level) {
        Summary s = Summary.of(values);
        return interval(s.mean(), s.sd() / Math.sqrt(s.n()), s.n() - 1, level);
    }
}
