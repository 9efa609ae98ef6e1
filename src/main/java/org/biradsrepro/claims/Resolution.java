package org.biradsrepro.claims;

import java.util.Arrays;

/**
 * The finest step a metric can take on a test set: what "no change" means for it. Accuracy moves in steps of one
 * image, 1/n; macro recall by one image of the largest class, 1/(C n_max); macro ROC AUC by one swapped
 * positive-negative pair of the class with the most pairs, 1/(C max n_c (n - n_c)). Macro precision, F1 and average
 * precision have no fixed step (it depends on how many images are predicted into a class), so 1/(C n^2) stands in:
 * a lower bound, since it is only ever used to keep a standard deviation of exactly zero from reading as infinite
 * precision. C counts the classes present in the test set.
 */
public final class Resolution {

    private Resolution() {}

    /** @param testCounts test images per class, e.g. {@code [6, 47, 7, 10, 3, 1]} */
    public static double of(ClaimedMetric metric, int[] testCounts) {
        int n = Arrays.stream(testCounts).sum();
        int present = (int) Arrays.stream(testCounts).filter(c -> c > 0).count();
        if (n == 0 || present == 0) {
            throw new IllegalArgumentException("a test set without images has no resolution: " + Arrays.toString(testCounts));
        }
        int largest = Arrays.stream(testCounts).max().orElseThrow();
        long pairs = Arrays.stream(testCounts).mapToLong(c -> (long) c * (n - c)).max().orElseThrow();
        return switch (metric) {
            case ACCURACY -> 1.0 / n;
            case RECALL -> 1.0 / ((double) present * largest);
            case ROC_AUC -> pairs == 0 ? 1.0 / n : 1.0 / ((double) present * pairs);
            case PRECISION, F1, PRC -> 1.0 / ((double) present * n * n);
        };
    }

    /** The step in words, e.g. {@code 1/74 = 0.0135}. */
    public static String describe(ClaimedMetric metric, int[] testCounts) {
        double r = of(metric, testCounts);
        double inverse = 1 / r;
        return Math.abs(inverse - Math.rint(inverse)) < 1e-6 * inverse
                ? String.format(java.util.Locale.ROOT, "1/%.0f = %.3g", inverse, r)
                : String.format(java.util.Locale.ROOT, "%.3g", r);
    }
}
