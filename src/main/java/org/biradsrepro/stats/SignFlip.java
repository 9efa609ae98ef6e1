package org.biradsrepro.stats;

import java.util.Arrays;

/**
 * The exact one-sample sign-flip (permutation) test of the mean of paired differences. Under the null hypothesis
 * that improved and baseline are exchangeable within each split, every difference is as likely to have come out
 * with the opposite sign, so each of the 2^m sign assignments of the m nonzero differences is equally likely and
 * the p-value is the share of them whose sum is at least (at most) the observed one:
 * <pre>p_greater = #{signs s : sum s_i |d_i| &gt;= sum d_i} / 2^m,   p_less likewise with &lt;=.</pre>
 * Unlike the t-tests it assumes no distribution, and unlike the signed-rank test it weighs each split by how much
 * it moved, not by its rank. Zeros are left as they are: flipping a zero changes nothing, so this equals scipy's
 * {@code permutation_test((d,), np.mean, permutation_type='samples', n_resamples=np.inf)}, which flips all k
 * signs and counts each distinct assignment 2^(k-m) times. The price of exactness is a floor: with m nonzero
 * differences no p-value is below 2^-m ({@code smallestP}), 1/32 for five splits.
 *
 * <p>Sums that are equal in exact arithmetic may differ in the last bits (differences of accuracies are multiples
 * of 1/n_test, and 38/74 - 37/74 is not exactly 1/74), so sums are compared with scipy 1.10.1's tolerance
 * ({@code scipy/stats/_resampling.py}, {@code permutation_test}): a resampled mean counts as at least the observed
 * mean when it is within {@code gamma = max(1e-14, |1e-14 * observed mean|)} below it. The absolute floor 1e-14
 * makes that 1e-14 for any mean difference of a metric in [0, 1].
 *
 * <p>Counting is exact, by meet in the middle: flipping the signs of a set F of differences lowers the sum by
 * 2 sum_F d, so p_greater counts the sets F with sum_F d &lt;= k * gamma / 2 (k counts zeros too, as scipy's mean
 * does). The subset sums of each half of the nonzero differences are enumerated and sorted, and the pairs are
 * counted with two pointers: 2^(m/2) sums per half, a fraction of a second for m = 40.
 */
public final class SignFlip {

    /**
     * @param pGreater share of sign assignments whose sum is at least the observed one (alternative: mean &gt; 0)
     * @param pLess share of sign assignments whose sum is at most the observed one (alternative: mean &lt; 0)
     * @param nonzero m, the number of nonzero differences: the only ones whose sign can flip
     * @param exact always true: every assignment is counted, and more than {@value SignFlip#MAX_NONZERO} nonzero
     *     differences are refused rather than sampled
     * @param smallestP 2^-m, the smallest p-value the test can give with these m differences (1 when m = 0)
     */
    public record Result(double pGreater, double pLess, int nonzero, boolean exact, double smallestP) {}

    /** The most nonzero differences enumerated: 2^20 subset sums per half. Nobody runs more than 40 splits. */
    public static final int MAX_NONZERO = 40;

    /** scipy 1.10.1's relative tolerance for equal statistics in {@code permutation_test}, also its absolute floor. */
    static final double EPS = 1e-14;

    private SignFlip() {}

    /**
     * @param differences improved minus baseline, one per split, all defined
     * @throws IllegalArgumentException when there is no difference, a difference is NaN or infinite, or more than
     *     {@value #MAX_NONZERO} are nonzero
     */
    public static Result test(double[] differences) {
        if (differences.length == 0) {
            throw new IllegalArgumentException("the sign-flip test needs at least one difference");
        }
        if (Arrays.stream(differences).anyMatch(Double::isNaN)) {
            throw new IllegalArgumentException(
                    "leave undefined differences out before testing: " + Arrays.toString(differences));
        }
        if (Arrays.stream(differences).anyMatch(Double::isInfinite)) {
            throw new IllegalArgumentException(
                    "differences must be finite to be summed: " + Arrays.toString(differences));
        }
        double[] nonzero = Arrays.stream(differences).filter(d -> d != 0).toArray();
        int m = nonzero.length;
        if (m > MAX_NONZERO) {
            throw new IllegalArgumentException("the exact sign-flip test enumerates 2^m sign assignments, for m <= "
                    + MAX_NONZERO + " nonzero differences; got m = " + m + " (nobody runs that many splits)");
        }
        int k = differences.length;
        double mean = Arrays.stream(differences).sum() / k;
        double gamma = Math.max(EPS, Math.abs(EPS * mean));
        // Flipping F changes the mean by -2 sum_F d / k: within gamma of the observed mean when sum_F d <= slack.
        double slack = k * gamma / 2;

        double[] low = subsetSums(Arrays.copyOfRange(nonzero, 0, m / 2));
        double[] high = subsetSums(Arrays.copyOfRange(nonzero, m / 2, m));
        long notLower = 0;  // sets F with sum_F d <= slack: the flipped sum is not below the observed one
        long notHigher = 0; // sets F with sum_F d >= -slack: the flipped sum is not above the observed one
        int below = high.length; // high[0 .. below) are the b with a + b <= slack for the current a
        int from = high.length;  // high[from ..) are the b with a + b >= -slack for the current a
        for (double a : low) {  // ascending: both boundaries only move left
            while (below > 0 && a + high[below - 1] > slack) {
                below--;
            }
            while (from > 0 && a + high[from - 1] >= -slack) {
                from--;
            }
            notLower += below;
            notHigher += high.length - from;
        }
        return new Result(Math.scalb((double) notLower, -m), Math.scalb((double) notHigher, -m), m, true,
                Math.scalb(1.0, -m));
    }

    /** All 2^n subset sums of {@code values}, sorted ascending. */
    private static double[] subsetSums(double[] values) {
        double[] sums = new double[1 << values.length];
        for (int j = 0; j < values.length; j++) {
            int size = 1 << j;
            for (int i = 0; i < size; i++) {
                sums[size + i] = sums[i] + values[j];
            }
        }
        Arrays.sort(sums);
        return sums;
    }
}
