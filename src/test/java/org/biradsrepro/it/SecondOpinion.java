package org.biradsrepro.it;

import java.util.Arrays;

/**
 * A second, deliberately plain computation of the headline metrics from a results file's predictions, to check
 * the stored values without calling {@code metrics.Metrics}, which computed them: counts from scratch, F1 per class
 * as {@code 2TP / (2TP + FP + FN)} (not from precision and recall), and ROC AUC by comparing every positive with
 * every negative (not from sorted score steps). Same definitions as scikit-learn: argmax with the first class
 * winning a tie, macro F1 over the classes that occur in the labels or the predictions, AUC one-vs-rest averaged
 * over the classes that have both positives and negatives ({@code NaN} if none has).
 *
 * @param confusion {@code [true][predicted]} counts
 * @param accuracy share of correct predictions
 * @param f1Macro unweighted mean F1
 * @param rocAucMacro unweighted mean one-vs-rest ROC AUC
 */
record SecondOpinion(int[][] confusion, double accuracy, double f1Macro, double rocAucMacro) {

    static SecondOpinion of(int[] labels, double[][] probabilities, int classes) {
        int n = labels.length;
        int[][] confusion = new int[classes][classes];
        for (int i = 0; i < n; i++) {
            int predicted = 0;
            for (int c = 1; c < classes; c++) {
                if (probabilities[i][c] > probabilities[i][predicted]) {
                    predicted = c;
                }
            }
            confusion[labels[i]][predicted]++;
        }
        int correct = 0;
        double f1Sum = 0;
        int f1Classes = 0;
        double aucSum = 0;
        int aucClasses = 0;
        for (int c = 0; c < classes; c++) {
            correct += confusion[c][c];
            int tp = confusion[c][c];
            int row = Arrays.stream(confusion[c]).sum();
            int column = 0;
            for (int[] r : confusion) {
                column += r[c];
            }
            if (row > 0 || column > 0) {
                int fn = row - tp;
                int fp = column - tp;
                f1Sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
                f1Classes++;
            }
            double auc = pairwiseAuc(labels, probabilities, c);
            if (!Double.isNaN(auc)) {
                aucSum += auc;
                aucClasses++;
            }
        }
        return new SecondOpinion(confusion, (double) correct / n, f1Sum / f1Classes,
                aucClasses == 0 ? Double.NaN : aucSum / aucClasses);
    }

    /** The share of (positive, negative) pairs the class's score orders right, a tie counting half. */
    private static double pairwiseAuc(int[] labels, double[][] probabilities, int c) {
        long pairs = 0;
        long twiceRight = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != c) {
                continue;
            }
            for (int j = 0; j < labels.length; j++) {
                if (labels[j] == c) {
                    continue;
                }
                pairs++;
                double pos = probabilities[i][c];
                double neg = probabilities[j][c];
                twiceRight += pos > neg ? 2 : pos == neg ? 1 : 0;
            }
        }
        return pairs == 0 ? Double.NaN : twiceRight / (2.0 * pairs);
    }
}
