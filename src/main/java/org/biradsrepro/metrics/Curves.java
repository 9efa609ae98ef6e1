package org.biradsrepro.metrics;

import java.util.Arrays;

/**
 * The binary ROC and precision-recall curves behind {@link Metrics#rocAuc} and {@link Metrics#averagePrecision},
 * point for point as scikit-learn 1.2.1's {@code roc_curve} and {@code precision_recall_curve} return them. The
 * report draws them one-vs-rest, one class at a time, from the stored per-image probabilities.
 */
public final class Curves {

    /**
     * @param falsePositiveRate increasing, from 0 to 1
     * @param truePositiveRate same length, non-decreasing, from 0 to 1
     * @param thresholds predict positive at score {@code >=} threshold; the first is {@code +Infinity} (the point
     *     (0, 0): nothing predicted positive), where scikit-learn 1.2.1 writes the highest score + 1 and 1.3 onwards
     *     {@code inf}
     */
    public record Roc(double[] falsePositiveRate, double[] truePositiveRate, double[] thresholds) {}

    /**
     * @param precision one more entry than {@code thresholds}: the last is 1, by convention, at recall 0
     * @param recall decreasing to the final 0
     * @param thresholds the distinct scores, increasing
     */
    public record PrecisionRecall(double[] precision, double[] recall, double[] thresholds) {}

    private Curves() {}

    /**
     * {@code roc_curve(positive, score)} with its default {@code drop_intermediate=True}: points collinear with
     * their neighbours are dropped, which changes neither the drawn curve nor its area.
     *
     * @throws IllegalArgumentException when there is no positive or no negative (scikit-learn warns and answers
     *     NaN rates), the lengths differ or a score is not finite
     */
    public static Roc roc(boolean[] positive, double[] score) {
        ScoreSteps steps = ScoreSteps.of(positive, score);
        int n = steps.thresholds().length;
        long[] tps = new long[n];
        long[] fps = new long[n];
        for (int t = 0; t < n; t++) {
            tps[t] = steps.positives()[t] + (t == 0 ? 0 : tps[t - 1]);
            fps[t] = steps.negatives()[t] + (t == 0 ? 0 : fps[t - 1]);
        }
        if (n == 0 || tps[n - 1] == 0 || fps[n - 1] == 0) {
            throw new IllegalArgumentException("a ROC curve needs at least one positive and one negative, got "
                    + (n == 0 ? 0 : tps[n - 1]) + " positives and " + (n == 0 ? 0 : fps[n - 1]) + " negatives");
        }
        int[] kept = new int[n];
        int k = 0;
        for (int t = 0; t < n; t++) {
            // numpy's diff(_, 2) != 0: keep a point where the curve turns, and both ends.
            boolean corner = t == 0 || t == n - 1
                    || fps[t + 1] - 2 * fps[t] + fps[t - 1] != 0 || tps[t + 1] - 2 * tps[t] + tps[t - 1] != 0;
            if (corner) {
                kept[k++] = t;
            }
        }
        double[] fpr = new double[k + 1];
        double[] tpr = new double[k + 1];
        double[] thresholds = new double[k + 1];
        thresholds[0] = Double.POSITIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            int t = kept[i];
            fpr[i + 1] = (double) fps[t] / fps[n - 1];
            tpr[i + 1] = (double) tps[t] / tps[n - 1];
            thresholds[i + 1] = steps.thresholds()[t];
        }
        return new Roc(fpr, tpr, thresholds);
    }

    /**
     * {@code precision_recall_curve(positive, score)}: one point per distinct score, lowest threshold first, then
     * the point (recall 0, precision 1).
     *
     * @throws IllegalArgumentException when there is no positive (scikit-learn warns and sets recall to 1), the
     *     lengths differ or a score is not finite
     */
    public static PrecisionRecall precisionRecall(boolean[] positive, double[] score) {
        ScoreSteps steps = ScoreSteps.of(positive, score);
        int n = steps.thresholds().length;
        long positives = Arrays.stream(steps.positives()).sum();
        if (positives == 0) {
            throw new IllegalArgumentException("a precision-recall curve needs at least one positive, got none in "
                    + score.length + " samples");
        }
        double[] precision = new double[n + 1];
        double[] recall = new double[n + 1];
        double[] thresholds = new double[n];
        long tp = 0;
        long predicted = 0;
        for (int t = 0; t < n; t++) {
            tp += steps.positives()[t];
            predicted += steps.positives()[t] + steps.negatives()[t];
            int reversed = n - 1 - t;
            precision[reversed] = (double) tp / predicted;
            recall[reversed] = (double) tp / positives;
            thresholds[reversed] = steps.thresholds()[t];
        }
        precision[n] = 1;
        recall[n] = 0;
        return new PrecisionRecall(precision, recall, thresholds);
    }
}
