package org.biradsrepro.metrics;

/**
 * The metrics of one class, treated one-vs-rest.
 *
 * @param label the class index
 * @param support how many samples have this class as their true label
 * @param precision true positives over predicted positives; 0 when the class is never predicted
 * @param recall true positives over support; 0 when the support is 0
 * @param f1 harmonic mean of precision and recall; 0 when both are 0
 * @param rocAuc one-vs-rest ROC AUC, or {@code Double.NaN} when the true labels hold no positive
 *     or no negative of this class
 * @param averagePrecision one-vs-rest average precision, or {@code Double.NaN} under the same
 *     condition as {@code rocAuc}
 */
public record ClassMetrics(
        int label,
        int support,
        double precision,
        double recall,
        double f1,
        double rocAuc,
        double averagePrecision) {

    public ClassMetrics {
        if (label < 0) {
            throw new IllegalArgumentException("label must not be negative, got " + label);
        }
        if (support < 0) {
            throw new IllegalArgumentException("support must not be negative, got " + support);
        }
    }
}
