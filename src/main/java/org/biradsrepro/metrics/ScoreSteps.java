package org.biradsrepro.metrics;

import java.util.Arrays;
import java.util.Objects;

/**
 * A binary scoring grouped by distinct score, highest first: the thresholds that ROC and precision-recall curves
 * and their areas step through, as scikit-learn's {@code _binary_clf_curve} groups them.
 *
 * @param thresholds the distinct scores, decreasing
 * @param positives how many positives score exactly {@code thresholds[t]}
 * @param negatives how many negatives score exactly {@code thresholds[t]}
 */
record ScoreSteps(double[] thresholds, long[] positives, long[] negatives) {

    /** @throws IllegalArgumentException when the lengths differ or a score is NaN or infinite */
    static ScoreSteps of(boolean[] positive, double[] score) {
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(score, "score");
        if (positive.length != score.length) {
            throw new IllegalArgumentException("positive has " + positive.length
                    + " entries but score has " + score.length);
        }
        int positiveCount = 0;
        for (int i = 0; i < score.length; i++) {
            Metrics.requireFinite("score[" + i + "]", score[i]);
            positiveCount += positive[i] ? 1 : 0;
        }
        double[] positiveScores = new double[positiveCount];
        double[] negativeScores = new double[score.length - positiveCount];
        for (int i = 0, p = 0, q = 0; i < score.length; i++) {
            if (positive[i]) {
                positiveScores[p++] = score[i];
            } else {
                negativeScores[q++] = score[i];
            }
        }
        Arrays.sort(positiveScores);
        Arrays.sort(negativeScores);

        // Merge both from the top. Equality is ==, not Double.compare, so -0.0 and 0.0 are one
        // threshold, as numpy's diff sees them; the sort puts them next to each other.
        double[] thresholds = new double[score.length];
        long[] positivesAt = new long[score.length];
        long[] negativesAt = new long[score.length];
        int count = 0;
        int p = positiveScores.length - 1;
        int q = negativeScores.length - 1;
        while (p >= 0 || q >= 0) {
            double threshold = Math.max(p >= 0 ? positiveScores[p] : Double.NEGATIVE_INFINITY,
                    q >= 0 ? negativeScores[q] : Double.NEGATIVE_INFINITY);
            thresholds[count] = threshold;
            while (p >= 0 && positiveScores[p] == threshold) {
                positivesAt[count]++;
                p--;
            }
            while (q >= 0 && negativeScores[q] == threshold) {
                negativesAt[count]++;
                q--;
            }
            count++;
        }
        return new ScoreSteps(Arrays.copyOf(thresholds, count), Arrays.copyOf(positivesAt, count),
                Arrays.copyOf(negativesAt, count));
    }
}
