package org.biradsrepro.claims;

import java.util.Arrays;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.biradsrepro.stats.NoncentralT;
import org.biradsrepro.stats.StudentT;

/**
 * What the verdict rule ({@link ClaimRule}) can detect: its power against a true mean difference, the smallest
 * difference it detects with 80% power (the minimum detectable effect), and how many splits it would need for a given
 * effect, all in units of the standard deviation of the per-split differences.
 *
 * <p>The model is the one the Nadeau-Bengio correction assumes: the k differences are normal, with equal
 * correlation n_test/(n_test + n_train) from overlapping training sets, so that in units of the within-split
 * standard deviation d_j = delta + sqrt(rho) Z_0 + Z_j with rho = n_test/n_train. Under that model the corrected
 * t-test alone would have the noncentral-t power 1 - F_{t'(k-1, lambda)}(t_{0.95, k-1}) with lambda = delta /
 * sqrt(1/k + rho). The rule also demands the exact sign-flip test, which with few splits is the stricter of the
 * two (with 5 splits it needs all five differences positive), so for up to {@value #SIMULATED_SPLITS} splits the
 * power of the rule itself is computed by simulation: for each of {@value #DRAWS} seeded draws of the noise, the
 * smallest delta at which both tests reject is found in closed form (each test's decision is monotone in delta),
 * and the power at delta is the share of draws whose smallest delta lies below it. Beyond that many splits the
 * corrected t-test is the binding one ({@code DetectableEffectTest} checks that the two agree at the switch) and its
 * exact noncentral-t power is used. Real differences are step-valued and often zero; the simulation of the rule on
 * such data is in {@code OperatingCharacteristicsTest}, and the README reports both.
 */
public final class DetectableEffect {

    /** The power a minimum detectable effect is stated at. */
    public static final double POWER = 0.8;
    /** Draws of the simulation: the Monte Carlo standard error of a power near 0.8 is then 0.3 points. */
    static final int DRAWS = 20_000;
    /** Up to this many splits the rule's power is simulated; beyond, the corrected t-test's exact power is used. */
    static final int SIMULATED_SPLITS = 10;
    private static final long SEED = 20_261_206L;

    private static final Map<String, double[]> CRITICAL = new ConcurrentHashMap<>();

    private DetectableEffect() {}

    /**
     * The smallest true mean difference, in standard deviations of the differences, that the rule judges
     * reproduced with probability {@link #POWER} at {@code k} splits; infinite where the rule can never say
     * reproduced (fewer than 5 splits: the exact sign-flip test cannot go below 1/16).
     */
    public static double standardizedMde(int k, double testToTrain) {
        check(k, testToTrain);
        if (k > SIMULATED_SPLITS) {
            return NoncentralT.noncentralityForPower(POWER, k - 1, Claims.ALPHA) * Math.sqrt(1.0 / k + testToTrain);
        }
        double[] critical = critical(k, testToTrain);
        return critical[(int) Math.ceil(POWER * critical.length) - 1];
    }

    /** The probability that the rule judges a true mean difference of {@code standardizedEffect} sds reproduced. */
    public static double power(double standardizedEffect, int k, double testToTrain) {
        check(k, testToTrain);
        if (Double.isNaN(standardizedEffect)) {
            return Double.NaN;
        }
        if (k > SIMULATED_SPLITS) {
            return NoncentralT.survival(StudentT.quantile(1 - Claims.ALPHA, k - 1), k - 1,
                    standardizedEffect / Math.sqrt(1.0 / k + testToTrain));
        }
        double[] critical = critical(k, testToTrain);
        int below = Arrays.binarySearch(critical, standardizedEffect);
        int count = below >= 0 ? firstIndexOf(critical, below) : -below - 1;
        return (double) count / critical.length;
    }

    /**
     * The minimum detectable effect as the number of splits grows without bound: the corrected variance keeps its
     * n_test/n_train term, so (z_0.95 + z_0.80) sqrt(n_test/n_train) standard deviations is a floor no number of
     * splits goes below; a smaller effect needs more test data or repeated runs, which lower the standard deviation.
     */
    public static double limit(double testToTrain) {
        NormalDistribution z = NormalDistribution.of(0, 1);
        return (z.inverseCumulativeProbability(1 - Claims.ALPHA) + z.inverseCumulativeProbability(POWER))
                * Math.sqrt(testToTrain);
    }

    /**
     * The fewest splits, at least {@code k}, at which an effect of {@code standardizedEffect} sds is detected with
     * 80% power, if the standard deviation of the differences stayed as it is; empty when no number of splits does
     * ({@link #limit}).
     */
    public static OptionalInt splitsFor(double standardizedEffect, int k, double testToTrain) {
        check(k, testToTrain);
        if (!(standardizedEffect > limit(testToTrain))) {
            return OptionalInt.empty();
        }
        for (int splits = k; splits <= SIMULATED_SPLITS; splits++) {
            if (standardizedMde(splits, testToTrain) <= standardizedEffect) {
                return OptionalInt.of(splits);
            }
        }
        // Beyond the simulated range the MDE falls monotonically towards the limit: bisect on the exact formula.
        int low = Math.max(k, SIMULATED_SPLITS + 1) - 1;
        int high = low + 1;
        while (standardizedMde(high, testToTrain) > standardizedEffect) {
            if (high > 10_000_000) {
                return OptionalInt.empty();
            }
            low = high;
            high *= 2;
        }
        while (high - low > 1) {
            int mid = (low + high) >>> 1;
            if (standardizedMde(mid, testToTrain) <= standardizedEffect) {
                high = mid;
            } else {
                low = mid;
            }
        }
        return OptionalInt.of(high);
    }

    private static void check(int k, double testToTrain) {
        if (k < 2) {
            throw new IllegalArgumentException("power needs at least 2 splits, got " + k);
        }
        if (!(testToTrain >= 0) || Double.isInfinite(testToTrain)) {
            throw new IllegalArgumentException("n_test/n_train must be a finite number >= 0, got " + testToTrain);
        }
    }

    private static int firstIndexOf(double[] sorted, int at) {
        int i = at;
        while (i > 0 && sorted[i - 1] == sorted[at]) {
            i--;
        }
        return i;
    }

    /** Per draw, the smallest standardized effect at which the rule says reproduced; sorted ascending. */
    private static double[] critical(int k, double testToTrain) {
        return CRITICAL.computeIfAbsent(k + "/" + Double.doubleToLongBits(testToTrain), key -> simulate(k, testToTrain));
    }

    static double[] simulate(int k, double testToTrain) {
        Random random = new Random(SEED + k);
        double tCritical = StudentT.quantile(1 - Claims.ALPHA, k - 1);
        double scale = Math.sqrt(1.0 / k + testToTrain);
        double common = Math.sqrt(testToTrain);
        int subsets = 1 << k;
        // The exact test's p is (1 + A) / 2^k, A the non-empty sets of splits whose flip does not lower the sum:
        // p < alpha needs A <= ceil(alpha 2^k) - 2, which fewer than 5 splits can never meet.
        int allowed = (int) Math.ceil(Claims.ALPHA * subsets) - 2;
        double[] sums = new double[subsets];
        double[] flips = new double[subsets - 1];
        double[] z = new double[k];
        double[] critical = new double[DRAWS];
        for (int draw = 0; draw < DRAWS; draw++) {
            double shared = common * random.nextGaussian();
            double mean = 0;
            for (int j = 0; j < k; j++) {
                z[j] = shared + random.nextGaussian();
                mean += z[j];
            }
            mean /= k;
            double ss = 0;
            for (double v : z) {
                ss += (v - mean) * (v - mean);
            }
            double tTest = tCritical * Math.sqrt(ss / (k - 1)) * scale - mean;
            double signFlip = Double.POSITIVE_INFINITY;
            if (allowed >= 0) {
                for (int mask = 1; mask < subsets; mask++) {
                    sums[mask] = sums[mask & (mask - 1)] + z[Integer.numberOfTrailingZeros(mask)];
                    // With every difference shifted by delta, flipping this set does not lower the sum while
                    // delta <= -(mean of z over the set).
                    flips[mask - 1] = -sums[mask] / Integer.bitCount(mask);
                }
                Arrays.sort(flips);
                signFlip = flips[flips.length - 1 - allowed];
            }
            critical[draw] = Math.max(tTest, signFlip);
        }
        Arrays.sort(critical);
        return critical;
    }
}
