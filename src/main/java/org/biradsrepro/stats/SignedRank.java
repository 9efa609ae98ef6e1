package org.biradsrepro.stats;

import java.util.Arrays;

/**
 * The exact Wilcoxon signed-rank test of paired differences, one-sided (improved better than baseline), with the
 * exact null distribution even when there are zeros or ties. Zeros are dropped first (scipy's
 * {@code zero_method='wilcox'}); the absolute values of the m nonzero differences are ranked, tied ones sharing
 * their midrank; W+ is the sum of the ranks of the positive differences. Under the null hypothesis each of the 2^m
 * sign assignments is equally likely, so
 * <pre>p_greater = #{signs : W+ &gt;= observed W+} / 2^m,</pre>
 * counted exactly with a table of how many sign assignments give each rank sum (ranks doubled, so that midranks
 * are integers). Commons Statistics' test, used here before, falls back to a normal approximation as soon as there
 * is a zero or a tie, which with five splits is rough; differences of accuracies over one test set are multiples of 1/n_test,
 * where zeros and ties are the rule, so this class enumerates instead.
 *
 * <p>Round-off is not a tie-breaker: differences of accuracies that are equal in exact arithmetic can differ in the
 * last bits (38/74 - 37/74 and 1/74 are different doubles), and ranking them apart would let round-off decide W+.
 * As in {@link SignFlip}, values within scipy's {@code permutation_test} tolerance {@code max(1e-14, 1e-14 * |x|)}
 * count as equal: absolute values that close tie, and a difference within 1e-14 of 0 is a zero. scipy's
 * {@code rankdata} compares exactly; the two agree whenever equal differences are equal doubles.
 */
public final class SignedRank {

    /**
     * @param wPlus the sum of the (mid)ranks of the positive differences; 0 when none is nonzero
     * @param pGreater one-sided exact p-value for the alternative "differences tend to be positive"; 1 when no
     *     difference is nonzero: no difference, no evidence
     * @param nonzero m, the number of differences ranked (zeros dropped)
     * @param ties whether nonzero differences tied in absolute value
     * @param smallestP 2^-m, the smallest p-value the test can give, reached when all m are positive (1 when m = 0)
     */
    public record Result(double wPlus, double pGreater, int nonzero, boolean ties, double smallestP) {}

    /** The most nonzero differences ranked: the table of rank sums allows more, but nobody runs that many splits. */
    public static final int MAX_NONZERO = 20;

    private SignedRank() {}

    /**
     * @param differences improved minus baseline, one per split, all defined
     * @throws IllegalArgumentException when there is no difference, a difference is NaN or infinite, or more than
     *     {@value #MAX_NONZERO} are nonzero
     */
    public static Result greater(double[] differences) {
        if (differences.length == 0) {
            throw new IllegalArgumentException("the signed-rank test needs at least one difference");
        }
        if (Arrays.stream(differences).anyMatch(Double::isNaN)) {
            throw new IllegalArgumentException(
                    "leave undefined differences out before testing: " + Arrays.toString(differences));
        }
        if (Arrays.stream(differences).anyMatch(Double::isInfinite)) {
            throw new IllegalArgumentException(
                    "differences must be finite to be ranked: " + Arrays.toString(differences));
        }
        double[] nonzero = Arrays.stream(differences).filter(d -> Math.abs(d) > SignFlip.EPS).toArray();
        int m = nonzero.length;
        if (m > MAX_NONZERO) {
            throw new IllegalArgumentException("the exact signed-rank test allows m <= " + MAX_NONZERO
                    + " nonzero differences, got m = " + m + " (nobody runs that many splits)");
        }
        if (m == 0) {
            return new Result(0, 1, 0, false, 1);
        }
        Integer[] order = new Integer[m];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (i, j) -> Double.compare(Math.abs(nonzero[i]), Math.abs(nonzero[j])));
        // Doubled midranks: positions start..end (1-based) share (start + end) / 2, doubled start + end.
        int[] doubledRank = new int[m];
        boolean ties = false;
        for (int start = 0; start < m; ) {
            double first = Math.abs(nonzero[order[start]]);
            int end = start + 1;
            while (end < m && Math.abs(nonzero[order[end]]) - first <= tolerance(nonzero[order[end]])) {
                end++;
            }
            ties |= end - start > 1;
            for (int i = start; i < end; i++) {
                doubledRank[order[i]] = (start + 1) + end;
            }
            start = end;
        }
        int observed = 0;
        int total = 0;
        for (int i = 0; i < m; i++) {
            total += doubledRank[i];
            if (nonzero[i] > 0) {
                observed += doubledRank[i];
            }
        }
        // ways[s]: how many sets of differences made positive have doubled rank sum s.
        long[] ways = new long[total + 1];
        ways[0] = 1;
        int reach = 0;
        for (int r : doubledRank) {
            reach += r;
            for (int s = reach; s >= r; s--) {
                ways[s] += ways[s - r];
            }
        }
        long atLeast = 0;
        for (int s = observed; s <= total; s++) {
            atLeast += ways[s];
        }
        return new Result(observed / 2.0, Math.scalb((double) atLeast, -m), m, ties, Math.scalb(1.0, -m));
    }

    /** scipy's {@code permutation_test} tolerance for equal values, {@code max(1e-14, 1e-14 * |x|)}. */
    private static double tolerance(double x) {
        return Math.max(SignFlip.EPS, Math.abs(SignFlip.EPS * x));
    }
}
