package org.biradsrepro.metrics;


/**
 * The metrics a Keras 2 model reports when compiled with {@code metrics=[CategoricalAccuracy(), Precision(), Recall(),
 * AUC(), AUC(curve='PR')]}, every argument at its default, on one-hot labels and softmax outputs: what the paper's
 * Keras code most likely printed in its Table 2, so that the report can put like beside like.
 *
 * <p>Why: in all twelve rows of the paper's Table 2, precision &ge; accuracy &ge; recall. The macro averages of
 * {@link Metrics} show no such order; Keras' defaults do. {@code Precision()} and {@code Recall()} threshold every
 * softmax output at 0.5 against the one-hot label and pool the counts over all {@code n x C} entries (a micro
 * average). A softmax row has at most one output above 0.5, and it is the row's argmax, so a true positive is a
 * correct prediction made with probability above 0.5: recall = (such predictions) / n can never exceed accuracy, and
 * precision = (such predictions) / (predictions above 0.5) is the accuracy of the confident predictions, which for a
 * calibrated-enough classifier is above its overall accuracy.
 *
 * <p>Definitions, read from Keras' source (keras-team/keras at tag {@code v2.11.0}; the same formulas at {@code
 * v2.6.0}, {@code v2.12.0} and {@code v2.15.0}, where the confusion metrics moved to {@code
 * keras/metrics/confusion_metrics.py}, and at {@code v3.15.1}, {@code keras/src/metrics/}). Every probability is first
 * cast to float32, as {@code update_confusion_matrix_variables} casts {@code y_pred} to the metric variables' dtype;
 * for softmax outputs stored from float32 the cast changes nothing.
 *
 * <ul>
 *   <li>{@link #accuracy}: {@code CategoricalAccuracy} ({@code keras/metrics/metrics.py}), i.e. {@code
 *       sparse_categorical_matches} in {@code keras/utils/metrics_utils.py}: the fraction of rows whose {@code
 *       tf.math.argmax} is the label. On a tie the first maximum wins, as TensorFlow's CPU and GPU kernels do (its
 *       documentation does not promise it). Equal to {@link Metrics}' accuracy.
 *   <li>{@link #precision} and {@link #recall}: {@code Precision()} and {@code Recall()} ({@code
 *       keras/metrics/metrics.py}): one threshold, 0.5, so {@code is_evenly_distributed_thresholds} is false and
 *       {@code update_confusion_matrix_variables} takes its general path, {@code pred_is_pos = tf.greater(y_pred,
 *       threshold)}: an output counts as positive when it is <em>strictly</em> above 0.5 (0.5 itself is negative).
 *       Labels and outputs are flattened, so TP, FP and FN are counted over all {@code n x C} entries. Precision =
 *       TP / (TP + FP); recall = TP / (TP + FN) = TP / n, since each image has exactly one positive entry.
 *   <li>{@link #f1}: Keras 2 before 2.13 has no F1 metric; a Keras user wrote one or took {@code
 *       tfa.metrics.F1Score}. Assumed here: F1 of the micro precision and recall above, 2PR / (P + R), which is
 *       exactly what {@code tfa.metrics.F1Score(average='micro', threshold=0.5)} ({@code
 *       tensorflow_addons/metrics/f_scores.py}) and Keras 2.13+ / 3's {@code F1Score(average='micro',
 *       threshold=0.5)} ({@code keras/metrics/f_score_metrics.py}, {@code FBetaScore.result}) compute: {@code y_pred >
 *       threshold}, counts summed over every entry, {@code divide_no_nan(P * R, P + R) * 2}. (Their default {@code
 *       threshold=None} marks each row's maximum instead, which makes micro F1 equal accuracy.) Equal to 2 TP / (2 TP +
 *       FP + FN).
 *   <li>{@link #rocAuc}: {@code AUC()}: {@code num_thresholds=200}, {@code curve='ROC'}, {@code
 *       summation_method='interpolation'}, {@code multi_label=False} (labels and outputs flattened into one binary
 *       problem of {@code n x C} entries). Thresholds ({@code AUC.__init__}): {@code t_0 = 0 - epsilon}, {@code t_i =
 *       i / 199} for {@code i = 1..198}, {@code t_199 = 1 + epsilon}, with {@code epsilon = backend.epsilon() =
 *       1e-7}; 200 in all. Being evenly spaced, they are counted by {@code _update_confusion_matrix_variables_optimized}:
 *       an output {@code p} (clipped to [0, 1]) falls in bucket {@code max(0, ceil(p * 199) - 1)}, computed in float32
 *       (see {@link #bucket}), and counts as positive at every threshold index up to its bucket. That is {@code p >
 *       t_i} for {@code i = 1..198} (strict), every output at {@code t_0}, none at {@code t_199}, except for an output
 *       within a float32 rounding of a threshold, where the rounded product decides: one equal to float32 {@code t_31}
 *       counts as above it ({@code 0.1557789f * 199} rounds to 31.000002), one a float above {@code t_41} does not
 *       (its product rounds to 41.0). The general path, {@code y_pred > t}, would differ there; {@code AUC()} takes
 *       the buckets, and so does this. With {@code tpr_i =
 *       TP_i / P}, {@code fpr_i = FP_i / N} ({@code AUC.result}), the area is {@code sum_{i=0}^{198} (fpr_i -
 *       fpr_{i+1}) * (tpr_i + tpr_{i+1}) / 2}: the trapezoid rule over the 200 points. Outputs in one bucket are
 *       tied, so this is not the exact (Mann-Whitney) AUC: two outputs less than 1/199 apart can count as a tie.
 *   <li>{@link #prAuc}: {@code AUC(curve='PR')}, where 'interpolation' means {@code AUC.interpolate_pr_auc}, Davis
 *       and Goadrich's interpolation: true and false positives vary linearly between adjacent thresholds, precision
 *       does not. Between thresholds {@code A = t_i} and {@code B = t_{i+1}}, with predicted positives {@code P_i =
 *       TP_i + FP_i}: {@code dTP = TP_i - TP_{i+1}}, {@code dP = P_i - P_{i+1}}, {@code slope = dTP / dP} (0 where
 *       {@code dP = 0}), {@code intercept = TP_{i+1} - slope * P_{i+1}}, and the interval adds {@code slope * (dTP +
 *       intercept * ln(P_i / P_{i+1})) / (TP_{i+1} + FN_{i+1})}, the logarithm taken as 0 when either {@code P} is 0.
 *       The denominator is P, the number of positive entries, n. On the last interval with positives ({@code P_{i+1}
 *       = 0}) this is precision times recall at {@code t_i}: constant precision down to recall 0.
 * </ul>
 *
 * <p>Keras keeps these counts in metric variables that accumulate over batches, so over a whole test set the values
 * do not depend on the batch size. The areas and ratios are computed here in double from the exact integer counts;
 * Keras divides and sums in float32, so the values it prints can differ from these in the sixth or seventh decimal.
 *
 * <p>Zero denominators: Keras divides with {@code tf.math.divide_no_nan}, which answers 0, and these values follow it
 * (a NaN would drop that split from the mean over splits that the paper took, where Keras' 0 stays in). With at least
 * one image and two classes, and outputs in [0, 1] (checked), only precision's TP + FP can be 0: no output above 0.5
 * anywhere, precision 0 and with it F1 0. Nothing here is ever NaN.
 *
 * @param accuracy {@code CategoricalAccuracy}: fraction of rows whose first maximum is the label
 * @param precision {@code Precision()}: TP / (TP + FP) over all entries at {@code output > 0.5}; 0 when no output is
 *     above 0.5
 * @param recall {@code Recall()}: TP / n, TP as for precision
 * @param f1 2 * precision * recall / (precision + recall), the micro F1 at 0.5; 0 when precision + recall is 0
 * @param rocAuc {@code AUC()} on the flattened entries: 200 thresholds, trapezoid rule
 * @param prAuc {@code AUC(curve='PR')} on the flattened entries: 200 thresholds, Davis-Goadrich interpolation
 */
public record KerasMetrics(double accuracy, double precision, double recall, double f1, double rocAuc, double prAuc) {

    /** {@code AUC()}'s default {@code num_thresholds}, the two epsilon ends included. */
    public static final int NUM_THRESHOLDS = 200;

    /** {@code Precision()}'s and {@code Recall()}'s default threshold; an output counts when strictly above it. */
    public static final float THRESHOLD = 0.5f;

    /**
     * The six values for one set of predictions, as the class comment defines them.
     *
     * @param labels true class of each image, each in {@code [0, numClasses)}
     * @param probabilities one softmax row of {@code numClasses} outputs per image, each in [0, 1]
     * @param numClasses how many classes the classifier scores: the width of the one-hot labels
     * @throws IllegalArgumentException on no images, fewer than two classes, lengths that differ, a row of the wrong
     *     width, a label out of range, or an output that is NaN, infinite or outside [0, 1]
     */
    public static KerasMetrics of(int[] labels, double[][] probabilities, int numClasses) {
        validate(labels, probabilities, numClasses);
        int n = labels.length;
        long correct = 0;
        long truePositives = 0;
        long falsePositives = 0;
        long[] positivesInBucket = new long[NUM_THRESHOLDS];
        long[] negativesInBucket = new long[NUM_THRESHOLDS];
        for (int i = 0; i < n; i++) {
            int best = 0;
            float bestValue = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < numClasses; c++) {
                float p = (float) probabilities[i][c];
                if (p > bestValue) {
                    best = c;
                    bestValue = p;
                }
                boolean positive = c == labels[i];
                if (p > THRESHOLD) {
                    truePositives += positive ? 1 : 0;
                    falsePositives += positive ? 0 : 1;
                }
                (positive ? positivesInBucket : negativesInBucket)[bucket(p)]++;
            }
            correct += best == labels[i] ? 1 : 0;
        }
        long[] truePositivesAt = countAtOrAbove(positivesInBucket);
        long[] falsePositivesAt = countAtOrAbove(negativesInBucket);

        double precision = divideNoNan(truePositives, truePositives + falsePositives);
        // TP + FN = n: each one-hot row holds exactly one positive entry.
        double recall = divideNoNan(truePositives, n);
        // As FBetaScore.result writes it, beta = 1: divide_no_nan(P * R, P + R) * 2.
        double f1 = divideNoNan(precision * recall, precision + recall) * 2;
        return new KerasMetrics((double) correct / n, precision, recall, f1,
                rocAuc(truePositivesAt, falsePositivesAt), interpolatedPrAuc(truePositivesAt, falsePositivesAt));
    }

    /**
     * The bucket of {@code _update_confusion_matrix_variables_optimized} for 200 thresholds: {@code ceil(p * 199) -
     * 1} in float32, raised to 0 ({@code tf.nn.relu}, since the lowest threshold is {@code -epsilon}), after clipping
     * {@code p} to [0, 1]. An output counts as positive at threshold index {@code i} exactly when its bucket is
     * {@code >= i}; the top bucket is 198, so nothing counts at {@code t_199 = 1 + epsilon}.
     */
    static int bucket(float p) {
        float clipped = Math.min(1f, Math.max(0f, p));
        // float * float is a float32 multiplication in Java, as y_pred * (num_thresholds - 1) is in TensorFlow.
        float scaled = clipped * (NUM_THRESHOLDS - 1);
        return Math.max(0, (int) Math.ceil(scaled) - 1);
    }

    /** {@code tf.cumsum(bucketCounts, reverse=True)}: how many outputs count as positive at each threshold index. */
    private static long[] countAtOrAbove(long[] bucketCounts) {
        long[] atOrAbove = new long[bucketCounts.length];
        long running = 0;
        for (int i = bucketCounts.length - 1; i >= 0; i--) {
            running += bucketCounts[i];
            atOrAbove[i] = running;
        }
        return atOrAbove;
    }

    /** {@code AUC.result} for ROC with 'interpolation': the trapezoid rule over (fpr_i, tpr_i), i = 0..199. */
    private static double rocAuc(long[] truePositives, long[] falsePositives) {
        // At t_0 = -epsilon every entry is predicted positive: TP_0 + FN_0 = P and FP_0 + TN_0 = N.
        long positives = truePositives[0];
        long negatives = falsePositives[0];
        double area = 0;
        for (int i = 0; i < NUM_THRESHOLDS - 1; i++) {
            double width = divideNoNan(falsePositives[i], negatives) - divideNoNan(falsePositives[i + 1], negatives);
            double height = (divideNoNan(truePositives[i], positives) + divideNoNan(truePositives[i + 1], positives)) / 2;
            area += width * height;
        }
        return area;
    }

    /** {@code AUC.interpolate_pr_auc}, term by term; every {@code divide_no_nan} of it answers 0 on a 0 divisor. */
    private static double interpolatedPrAuc(long[] truePositives, long[] falsePositives) {
        // TP_{i+1} + FN_{i+1}, the divisor of every increment, is the number of positive entries at every i.
        long positives = truePositives[0];
        double area = 0;
        for (int i = 0; i < NUM_THRESHOLDS - 1; i++) {
            double dtp = truePositives[i] - truePositives[i + 1];
            long predictedA = truePositives[i] + falsePositives[i];
            long predictedB = truePositives[i + 1] + falsePositives[i + 1];
            double slope = divideNoNan(dtp, Math.max(predictedA - predictedB, 0));
            double intercept = truePositives[i + 1] - slope * predictedB;
            double ratio = predictedA > 0 && predictedB > 0 ? divideNoNan(predictedA, predictedB) : 1;
            area += divideNoNan(slope * (dtp + intercept * Math.log(ratio)), positives);
        }
        return area;
    }

    /** {@code tf.math.divide_no_nan}: 0 when the divisor is 0, whatever the dividend. */
    private static double divideNoNan(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }

    private static void validate(int[] labels, double[][] probabilities, int numClasses) {
        if (numClasses < 2) {
            throw new IllegalArgumentException("numClasses must be at least 2, got " + numClasses
                    + ": with one class no one-hot entry is negative and the ROC curve has no false positive rate");
        }
        Metrics.validate(labels, probabilities, numClasses);
        for (int i = 0; i < labels.length; i++) {
            for (int c = 0; c < numClasses; c++) {
                double p = probabilities[i][c];
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("probabilities[" + i + "][" + c + "] is " + p
                            + ", expected a softmax output in [0, 1]");
                }
            }
        }
    }
}
