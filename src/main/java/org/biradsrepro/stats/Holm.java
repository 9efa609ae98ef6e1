package org.biradsrepro.stats;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Holm-Bonferroni step-down adjustment of p-values, for a family of tests (six backbones, six metrics) read
 * together: rejecting where the adjusted p is at most alpha keeps the chance of any false rejection in the family
 * at most alpha, under any dependence between the tests, and never rejects less than Bonferroni.
 */
public final class Holm {

    private Holm() {}

    /**
     * Adjusted p-values in the order given, as statsmodels' {@code multipletests(p, method='holm')} returns them:
     * with p_(1) &lt;= ... &lt;= p_(m) sorted ascending,
     * <pre>adj_(i) = max_{j &lt;= i} min(1, (m - j + 1) p_(j)).</pre>
     * NaN entries (tests that could not be run) stay NaN and do not count in m: the family is the tests that gave
     * a p-value. Tied p-values get equal adjusted values whatever their order.
     *
     * @throws IllegalArgumentException when a p-value lies outside [0, 1]
     */
    public static double[] adjust(double[] p) {
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i]) && !(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException("p-values must lie in [0, 1], got p[" + i + "] = " + p[i]);
            }
        }
        int[] order = IntStream.range(0, p.length).filter(i -> !Double.isNaN(p[i])).boxed()
                .sorted((i, j) -> Double.compare(p[i], p[j])).mapToInt(Integer::intValue).toArray();
        int m = order.length;
        double[] adjusted = new double[p.length];
        Arrays.fill(adjusted, Double.NaN);
        double running = 0;
        for (int j = 0; j < m; j++) {
            running = Math.max(running, Math.min(1, (m - j) * p[order[j]]));
            adjusted[order[j]] = running;
        }
        return adjusted;
    }
}
