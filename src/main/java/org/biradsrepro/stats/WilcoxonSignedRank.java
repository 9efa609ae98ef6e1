package org.biradsrepro.stats;

import java.util.Arrays;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.PValueMethod;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;

/**
 * The Wilcoxon signed-rank test of paired differences, one-sided (improved better than baseline), by Commons
 * Statistics. Zeros and ties are handled as that library documents, and we keep its choice: a zero difference
 * is ranked but adds to neither sign (Pratt's procedure); the exact distribution is used when there is no zero and
 * no tie, otherwise the p-value is its normal approximation with tie and continuity corrections ({@code exact}
 * says which). With five splits that approximation is rough; it is reported, never used for the verdict.
 */
public final class WilcoxonSignedRank {

    /**
     * @param wPlus the sum of the ranks of the positive differences
     * @param pGreater one-sided p-value; NaN when every difference is zero (the statistic is undefined)
     * @param exact whether {@code pGreater} comes from the exact distribution
     * @param zeros how many differences were zero
     * @param ties whether nonzero differences tied in absolute value
     */
    public record Result(double wPlus, double pGreater, boolean exact, int zeros, boolean ties) {}

    private static final WilcoxonSignedRankTest GREATER = WilcoxonSignedRankTest.withDefaults()
            .with(AlternativeHypothesis.GREATER_THAN).with(PValueMethod.EXACT);

    private WilcoxonSignedRank() {}

    public static Result greater(double[] differences) {
        if (differences.length == 0) {
            throw new IllegalArgumentException("the Wilcoxon test needs at least one difference");
        }
        if (Arrays.stream(differences).anyMatch(Double::isNaN)) {
            throw new IllegalArgumentException("leave undefined differences out before testing: " + Arrays.toString(differences));
        }
        int zeros = (int) Arrays.stream(differences).filter(d -> d == 0).count();
        if (zeros == differences.length) {
            return new Result(0, Double.NaN, false, zeros, false);
        }
        WilcoxonSignedRankTest.Result r = GREATER.test(differences);
        return new Result(r.getStatistic(), r.getPValue(), !r.hasTiedValues() && !r.hasZeroValues(), zeros,
                r.hasTiedValues());
    }

    /**
     * The smallest one-sided p-value the exact test can give with {@code n} pairs: 2^-n, reached only when every
     * pair goes the same way. With 5 splits it is 1/32 = 0.03125.
     */
    public static double smallestOneSidedP(int n) {
        return Math.scalb(1.0, -n);
    }

    /** The two-sided counterpart, 2^(1-n): with 5 splits 2/32 = 0.0625, so it can never reach 0.05. */
    public static double smallestTwoSidedP(int n) {
        return Math.min(1.0, Math.scalb(1.0, 1 - n));
    }
}
