package org.biradsrepro.stats;

import java.util.Arrays;

/**
 * Mean, sample standard deviation (n - 1 in the denominator, as the paper's "averaged over five test sets"
 * invites) and range of a metric over splits. Undefined values (NaN) are counted apart, never averaged in.
 *
 * @param n number of defined values
 * @param undefined number of NaN values left out
 */
public record Summary(int n, int undefined, double mean, double sd, double min, double max) {

    public static Summary of(double[] values) {
        double[] defined = Arrays.stream(values).filter(v -> !Double.isNaN(v)).toArray();
        int n = defined.length;
        int undefined = values.length - n;
        if (n == 0) {
            return new Summary(0, undefined, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = Arrays.stream(defined).sum() / n;
        double ss = 0;
        for (double v : defined) {
            ss += (v - mean) * (v - mean);
        }
        double sd = n < 2 ? Double.NaN : Math.sqrt(ss / (n - 1));
        return new Summary(n, undefined, mean, sd, Arrays.stream(defined).min().orElseThrow(),
                Arrays.stream(defined).max().orElseThrow());
    }
}
