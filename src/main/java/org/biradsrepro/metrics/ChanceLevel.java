package org.biradsrepro.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Whether one set of test predictions shows that the classifier learned anything at all. A run that did not cannot
 * say which of two weight sets is better, so the claims leave it out rather than count it against the paper.
 *
 * <p>The rule, fixed and independent of the claim: the predictions are <em>uninformative</em> when
 *
 * <ul>
 *   <li>every test sample has the same predicted class (argmax of its probabilities, as {@link Metrics#argmax}):
 *       then accuracy, precision, recall and F1 are those of a constant classifier, fixed by the class counts; or
 *   <li>the macro one-vs-rest ROC AUC ({@link Metrics#evaluate}) lies within {@link #Z} standard deviations of 0.5
 *       under the permutation null, or is undefined (no class has both positives and negatives on the test side).
 * </ul>
 *
 * <p>The permutation null is "the scores carry no information about the labels": the test labels are shuffled over
 * the test images, class counts and scores fixed. Each class's AUC is its Mann-Whitney statistic, a linear function
 * of the rank sum of that class's positives, so under the null the macro AUC has mean exactly 0.5 and a variance
 * that follows in closed form from sampling without replacement, ties (midranks) and the correlation between the
 * classes (one shuffle moves every class at once) included ({@link #macroRocAucNullVariance}). A linear rank
 * statistic is asymptotically normal (Hajek), so the bound is {@code Z * sd}, the two-sided 5% level: a model that
 * learned nothing passes it by chance about one time in twenty. The level is the conventional one, not tuned to
 * any result. Two-sided, because an AUC well below 0.5 is a systematic ranking too, not chance. With a handful of
 * test images the bound is wide, as it should be: such a test side cannot show that anything was learned.
 *
 * @param n test samples
 * @param predictedClasses how many distinct classes the argmax gives over the test samples
 * @param rocAucMacro macro one-vs-rest ROC AUC over the classes defined on the test side; NaN when none is
 * @param chanceSd its standard deviation under the permutation null; NaN when the AUC is undefined
 * @param bound {@code Z * chanceSd}: the largest distance from 0.5 that chance gives at the two-sided 5% level
 */
public record ChanceLevel(int n, int predictedClasses, double rocAucMacro, double chanceSd, double bound) {

    /** The two-sided 5% point of the standard normal distribution, Phi^-1(0.975). */
    public static final double Z = 1.959963984540054;

    /** Whether every test prediction is the same class. */
    public boolean singleClass() {
        return predictedClasses <= 1;
    }

    /** Whether the macro ROC AUC is within {@link #bound} of 0.5, or undefined. */
    public boolean aucAtChance() {
        return Double.isNaN(rocAucMacro) || Math.abs(rocAucMacro - 0.5) <= bound;
    }

    /** The rule of the class comment: one predicted class, or a macro ROC AUC indistinguishable from 0.5. */
    public boolean uninformative() {
        return singleClass() || aucAtChance();
    }

    /** One phrase: what the check found, e.g. {@code 1 predicted class; macro ROC AUC 0.5312 within 0.5 ± 0.0841}. */
    public String reason() {
        String classes = predictedClasses + " predicted class" + (predictedClasses == 1 ? "" : "es");
        String auc = Double.isNaN(rocAucMacro) ? "macro ROC AUC undefined"
                : String.format(Locale.ROOT, "macro ROC AUC %.4f %s 0.5 \u00b1 %.4f", rocAucMacro,
                        aucAtChance() ? "within" : "outside", bound);
        return classes + "; " + auc;
    }

    /**
     * The check of the class comment for one set of predictions.
     *
     * @throws IllegalArgumentException on input {@link Metrics#evaluate} refuses
     */
    public static ChanceLevel of(int[] labels, double[][] probabilities, int numClasses) {
        ClassificationMetrics m = Metrics.evaluate(labels, probabilities, numClasses);
        int predicted = (int) Arrays.stream(probabilities).mapToInt(Metrics::argmax).distinct().count();
        double sd = Math.sqrt(macroRocAucNullVariance(labels, probabilities, numClasses));
        return new ChanceLevel(labels.length, predicted, m.rocAucMacro(), sd, Z * sd);
    }

    /**
     * The variance of the macro one-vs-rest ROC AUC (the mean over the classes with both positives and negatives)
     * when the labels are shuffled over the samples, class counts and scores fixed.
     *
     * <p>With {@code r_c(i)} the midrank of sample {@code i}'s score for class {@code c} among all {@code n}
     * samples, {@code rbar = (n + 1) / 2} and {@code n_c} the count of class {@code c}, the rank sum
     * {@code R_c} of class {@code c}'s samples has, for a uniformly random assignment of the labels,
     * <pre>Cov(R_c, R_d) = n_c (n [c = d] - n_d) / (n (n - 1)) * sum_i (r_c(i) - rbar)(r_d(i) - rbar)</pre>
     * and {@code AUC_c = (R_c - n_c (n_c + 1) / 2) / (n_c (n - n_c))}, so the macro mean over {@code K} defined
     * classes has variance {@code sum_cd Cov(R_c, R_d) / (n_c (n - n_c) n_d (n - n_d)) / K^2}.
     *
     * @param labels true class of each sample, as {@link Metrics#evaluate} takes them
     * @param scores one row of {@code numClasses} finite scores per sample
     * @return the variance; NaN when no class is defined
     */
    public static double macroRocAucNullVariance(int[] labels, double[][] scores, int numClasses) {
        int n = labels.length;
        int[] counts = new int[numClasses];
        for (int label : labels) {
            counts[label]++;
        }
        int[] defined = IntStream.range(0, numClasses).filter(c -> counts[c] > 0 && counts[c] < n)
                .toArray();
        if (defined.length == 0) {
            return Double.NaN;
        }
        double rbar = (n + 1) / 2.0;
        double[][] centred = new double[defined.length][];
        for (int k = 0; k < defined.length; k++) {
            int c = defined[k];
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = scores[i][c];
            }
            centred[k] = midranks(column);
            for (int i = 0; i < n; i++) {
                centred[k][i] -= rbar;
            }
        }
        double sum = 0;
        for (int a = 0; a < defined.length; a++) {
            int c = defined[a];
            for (int b = 0; b < defined.length; b++) {
                int d = defined[b];
                double cross = 0;
                for (int i = 0; i < n; i++) {
                    cross += centred[a][i] * centred[b][i];
                }
                double covRankSums = (double) counts[c] * ((c == d ? n : 0) - counts[d]) / ((double) n * (n - 1)) * cross;
                sum += covRankSums / ((double) counts[c] * (n - counts[c]) * counts[d] * (n - counts[d]));
            }
        }
        return Math.max(0, sum) / ((double) defined.length * defined.length);
    }

    /** 1-based ranks, tied values sharing the mean of their ranks. */
    static double[] midranks(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[values.length];
        for (int start = 0; start < order.length; ) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int j = start; j <= end; j++) {
                ranks[order[j]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }
}
