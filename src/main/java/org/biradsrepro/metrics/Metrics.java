package org.biradsrepro.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Metrics of a multi-class probabilistic classifier, as scikit-learn 1.2.1 computes them.
 *
 * <p>Definitions, for {@code n} samples with true labels {@code y} and probability rows {@code p}:
 *
 * <ul>
 *   <li>The predicted class of a sample is the argmax of its probability row; on a tie the lowest
 *       class wins, as with {@code numpy.argmax}.
 *   <li>Accuracy is the fraction of samples whose predicted class equals the true label.
 *   <li>Per class {@code c}, from the confusion matrix: precision = TP / (TP + FP), recall = TP /
 *       support, F1 = 2 * precision * recall / (precision + recall). A zero denominator gives 0
 *       ({@code zero_division=0}): a class never predicted has precision 0, a class with no
 *       support recall 0, and F1 is 0 when precision + recall is 0.
 *   <li>Macro precision, recall and F1 are unweighted means, and weighted ones means weighted by
 *       support, over the label set that {@code precision_recall_fscore_support} uses by
 *       default: the sorted union of the classes occurring in the true labels and in the
 *       predictions. Macro F1 is the mean of per-class F1, not the F1 of macro precision and
 *       recall.
 *   <li>ROC AUC and average precision of class {@code c} are one-vs-rest: positive means {@code
 *       y[i] == c}, the score is {@code p[i][c]}. They are {@code NaN} for a class whose true
 *       labels hold no positive or no negative; the macro means average the classes where they
 *       are defined and are {@code NaN} when there is none. scikit-learn raises for such a class
 *       rather than averaging it, so a number here would be invented.
 * </ul>
 */
public final class Metrics {

    private Metrics() {}

    /**
     * Every metric of {@link ClassificationMetrics} for one set of predictions, as defined in the
     * class comment.
     *
     * @param labels true class of each sample, each in {@code [0, numClasses)}
     * @param probabilities one row of {@code numClasses} finite scores per sample
     * @param numClasses how many classes the classifier scores
     * @throws IllegalArgumentException on no samples, lengths that differ, a row of the wrong
     *     width, a label out of range or a score that is NaN or infinite
     */
    public static ClassificationMetrics evaluate(int[] labels, double[][] probabilities, int numClasses) {
        validate(labels, probabilities, numClasses);
        int n = labels.length;
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            predicted[i] = argmax(probabilities[i]);
        }
        int[][] confusion = confusionMatrix(labels, predicted, numClasses);

        int correct = 0;
        int[] predictedCount = new int[numClasses];
        for (int trueLabel = 0; trueLabel < numClasses; trueLabel++) {
            correct += confusion[trueLabel][trueLabel];
            for (int predictedLabel = 0; predictedLabel < numClasses; predictedLabel++) {
                predictedCount[predictedLabel] += confusion[trueLabel][predictedLabel];
            }
        }

        List<ClassMetrics> perClass = new ArrayList<>(numClasses);
        List<Integer> rankingUndefined = new ArrayList<>();
        double[] macroSums = new double[3];
        double[] weightedSums = new double[3];
        int macroCount = 0;
        double rocAucSum = 0;
        double averagePrecisionSum = 0;
        for (int c = 0; c < numClasses; c++) {
            int truePositives = confusion[c][c];
            int support = Arrays.stream(confusion[c]).sum();
            double precision = ratioOrZero(truePositives, predictedCount[c]);
            double recall = ratioOrZero(truePositives, support);
            // Written as scikit-learn writes it, so that the rounding matches too.
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);

            boolean[] positive = new boolean[n];
            double[] score = new double[n];
            int positives = 0;
            for (int i = 0; i < n; i++) {
                positive[i] = labels[i] == c;
                score[i] = probabilities[i][c];
                positives += positive[i] ? 1 : 0;
            }
            double rocAuc = Double.NaN;
            double averagePrecision = Double.NaN;
            if (positives > 0 && positives < n) {
                rocAuc = rocAuc(positive, score);
                averagePrecision = averagePrecision(positive, score);
                rocAucSum += rocAuc;
                averagePrecisionSum += averagePrecision;
            } else {
                rankingUndefined.add(c);
            }
            perClass.add(new ClassMetrics(c, support, precision, recall, f1, rocAuc, averagePrecision));

            if (support > 0 || predictedCount[c] > 0) {
                double[] values = {precision, recall, f1};
                for (int k = 0; k < 3; k++) {
                    macroSums[k] += values[k];
                    weightedSums[k] += support * values[k];
                }
                macroCount++;
            }
        }
        int rankingDefined = numClasses - rankingUndefined.size();
        return new ClassificationMetrics(
                numClasses,
                n,
                (double) correct / n,
                macroSums[0] / macroCount,
                macroSums[1] / macroCount,
                macroSums[2] / macroCount,
                // The supports over the label set add up to n, the total scikit-learn divides by.
                weightedSums[0] / n,
                weightedSums[1] / n,
                weightedSums[2] / n,
                rankingDefined == 0 ? Double.NaN : rocAucSum / rankingDefined,
                rankingDefined == 0 ? Double.NaN : averagePrecisionSum / rankingDefined,
                rankingUndefined,
                perClass,
                confusion);
    }

    /**
     * The index of the largest value; the first one when several are equal, as {@code
     * numpy.argmax}.
     *
     * @throws IllegalArgumentException when the row is empty or holds NaN
     */
    public static int argmax(double[] row) {
        Objects.requireNonNull(row, "row");
        if (row.length == 0) {
            throw new IllegalArgumentException("row is empty: argmax needs at least one value");
        }
        int best = 0;
        for (int i = 0; i < row.length; i++) {
            if (Double.isNaN(row[i])) {
                throw new IllegalArgumentException("row[" + i + "] is NaN");
            }
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Counts of samples by true and predicted class: {@code result[trueLabel][predictedLabel]}, a
     * {@code numClasses x numClasses} matrix, as {@code confusion_matrix(labels=range(numClasses))}.
     *
     * @throws IllegalArgumentException when the lengths differ or a class is outside {@code [0,
     *     numClasses)}
     */
    public static int[][] confusionMatrix(int[] labels, int[] predicted, int numClasses) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(predicted, "predicted");
        requirePositiveClassCount(numClasses);
        if (labels.length != predicted.length) {
            throw new IllegalArgumentException("labels has " + labels.length
                    + " entries but predicted has " + predicted.length);
        }
        int[][] counts = new int[numClasses][numClasses];
        for (int i = 0; i < labels.length; i++) {
            requireClass("labels", i, labels[i], numClasses);
            requireClass("predicted", i, predicted[i], numClasses);
            counts[labels[i]][predicted[i]]++;
        }
        return counts;
    }

    /**
     * Binary ROC AUC, as {@code roc_auc_score}: the probability that a random positive scores
     * above a random negative, a tie counting one half (the Mann-Whitney U statistic over P * N).
     *
     * @return the AUC, or {@code NaN} when there is no positive or no negative (scikit-learn
     *     raises there)
     * @throws IllegalArgumentException when the lengths differ or a score is NaN or infinite
     */
    public static double rocAuc(boolean[] positive, double[] score) {
        ScoreSteps steps = ScoreSteps.of(positive, score);
        long[][] counts = {steps.positives(), steps.negatives()};
        long positives = Arrays.stream(counts[0]).sum();
        long negatives = Arrays.stream(counts[1]).sum();
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        // Twice the pair count keeps the half-counted ties in integers until the one division.
        long twicePairsRankedRight = 0;
        long positivesAbove = 0;
        for (int t = 0; t < counts[0].length; t++) {
            twicePairsRankedRight += counts[1][t] * (2 * positivesAbove + counts[0][t]);
            positivesAbove += counts[0][t];
        }
        return twicePairsRankedRight / (2.0 * positives * negatives);
    }

    /**
     * Binary average precision, as {@code average_precision_score}: {@code sum_n (R_n - R_{n-1})
     * P_n} over the distinct scores taken as thresholds in decreasing order, where {@code P_n} and
     * {@code R_n} are the precision and recall of predicting positive at score {@code >=} the
     * {@code n}-th threshold and {@code R_0 = 0}. It is the step-wise sum, not the trapezoid, and
     * tied scores form one threshold.
     *
     * @return the average precision; 1 when every sample is positive (as scikit-learn), {@code
     *     NaN} when none is (scikit-learn warns and answers 0)
     * @throws IllegalArgumentException when the lengths differ or a score is NaN or infinite
     */
    public static double averagePrecision(boolean[] positive, double[] score) {
        ScoreSteps steps = ScoreSteps.of(positive, score);
        long[][] counts = {steps.positives(), steps.negatives()};
        long positives = Arrays.stream(counts[0]).sum();
        if (positives == 0) {
            return Double.NaN;
        }
        double sum = 0;
        double previousRecall = 0;
        long truePositives = 0;
        long predictedPositives = 0;
        for (int t = 0; t < counts[0].length; t++) {
            truePositives += counts[0][t];
            predictedPositives += counts[0][t] + counts[1][t];
            double recall = (double) truePositives / positives;
            sum += (recall - previousRecall) * ((double) truePositives / predictedPositives);
            previousRecall = recall;
        }
        return sum;
    }

    /** Checks labels and scores, naming the first bad value: shared by {@link KerasMetrics}. */
    static void validate(int[] labels, double[][] probabilities, int numClasses) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(probabilities, "probabilities");
        requirePositiveClassCount(numClasses);
        if (labels.length == 0) {
            throw new IllegalArgumentException("labels is empty: n == 0, at least one sample is needed");
        }
        if (labels.length != probabilities.length) {
            throw new IllegalArgumentException("labels has " + labels.length
                    + " entries but probabilities has " + probabilities.length + " rows");
        }
        for (int i = 0; i < labels.length; i++) {
            requireClass("labels", i, labels[i], numClasses);
            double[] row = probabilities[i];
            if (row == null) {
                throw new IllegalArgumentException("probabilities[" + i + "] is null");
            }
            if (row.length != numClasses) {
                throw new IllegalArgumentException("probabilities[" + i + "] has " + row.length
                        + " columns, expected numClasses = " + numClasses);
            }
            for (int c = 0; c < numClasses; c++) {
                requireFinite("probabilities[" + i + "][" + c + "]", row[c]);
            }
        }
    }

    private static void requirePositiveClassCount(int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
    }

    private static void requireClass(String arrayName, int index, int value, int numClasses) {
        if (value < 0 || value >= numClasses) {
            throw new IllegalArgumentException(arrayName + "[" + index + "] = " + value
                    + " is outside [0, " + numClasses + ")");
        }
    }

    static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " is " + value + ", expected a finite number");
        }
    }

    private static double ratioOrZero(int numerator, int denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }
}
