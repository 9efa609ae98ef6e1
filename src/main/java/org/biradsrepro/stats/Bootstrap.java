package org.biradsrepro.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The percentile bootstrap interval of a mean over splits: resample the values with replacement, take each
 * resample's mean, and read the interval off their empirical quantiles (linear interpolation between order
 * statistics, numpy's default). Seeded, so equal inputs give equal bounds. It treats the splits as independent
 * draws, which overlapping training sets are not, and with five values it can take only a few hundred distinct
 * means: it is shown as a description of the spread, not used to decide anything.
 */
public final class Bootstrap {

    /** Resamples drawn: enough that the 2.5% and 97.5% quantiles move by well under the spread of the data. */
    public static final int RESAMPLES = 10_000;

    private Bootstrap() {}

    public static Interval percentileInterval(double[] values, double level, int resamples, long seed) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must lie strictly between 0 and 1, got " + level);
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("at least one resample is needed, got " + resamples);
        }
        if (Arrays.stream(values).anyMatch(Double::isNaN)) {
            throw new IllegalArgumentException("leave undefined values out before resampling: " + Arrays.toString(values));
        }
        if (values.length < 2) {
            return Interval.UNDEFINED;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < values.length; i++) {
                sum += values[random.nextInt(values.length)];
            }
            means[r] = sum / values.length;
        }
        Arrays.sort(means);
        double tail = (1 - level) / 2;
        return new Interval(quantile(means, tail), quantile(means, 1 - tail));
    }

    /** Quantile of sorted values with linear interpolation (numpy.percentile's 'linear', R type 7). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
