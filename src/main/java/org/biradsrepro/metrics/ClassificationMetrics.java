package org.biradsrepro.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Every metric of one evaluation, as {@link Metrics#evaluate} defines it.
 *
 * <p>The macro and weighted precision, recall and F1 run over scikit-learn's default label set:
 * the classes that occur in the true labels or in the predictions. A class that occurs in
 * neither is left out of those means, although it still has its entry in {@code perClass}.
 *
 * @param numClasses how many classes the classifier scores
 * @param n how many samples were evaluated
 * @param accuracy fraction of samples whose argmax equals the true label
 * @param precisionMacro unweighted mean of the per-class precision
 * @param recallMacro unweighted mean of the per-class recall
 * @param f1Macro unweighted mean of the per-class F1 (not the F1 of the macro means)
 * @param precisionWeighted mean of the per-class precision weighted by support
 * @param recallWeighted mean of the per-class recall weighted by support
 * @param f1Weighted mean of the per-class F1 weighted by support
 * @param rocAucMacro unweighted mean of the one-vs-rest ROC AUC over the classes where it is
 *     defined, or {@code Double.NaN} when it is defined for none
 * @param averagePrecisionMacro the same for average precision
 * @param rankingUndefinedClasses the classes, ascending, left out of the two ranking means because
 *     the true labels hold no positive or no negative of them
 * @param perClass one entry per class, in label order, {@code numClasses} entries
 * @param confusionMatrix {@code confusionMatrix[trueLabel][predictedLabel]}, counts of samples
 */
public record ClassificationMetrics(
        int numClasses,
        int n,
        double accuracy,
        double precisionMacro,
        double recallMacro,
        double f1Macro,
        double precisionWeighted,
        double recallWeighted,
        double f1Weighted,
        double rocAucMacro,
        double averagePrecisionMacro,
        List<Integer> rankingUndefinedClasses,
        List<ClassMetrics> perClass,
        int[][] confusionMatrix) {

    public ClassificationMetrics {
        rankingUndefinedClasses = List.copyOf(rankingUndefinedClasses);
        perClass = List.copyOf(perClass);
        Objects.requireNonNull(confusionMatrix, "confusionMatrix");
        if (perClass.size() != numClasses) {
            throw new IllegalArgumentException(
                    "perClass has " + perClass.size() + " entries, expected numClasses = " + numClasses);
        }
        if (confusionMatrix.length != numClasses) {
            throw new IllegalArgumentException("confusionMatrix has " + confusionMatrix.length
                    + " rows, expected numClasses = " + numClasses);
        }
        confusionMatrix = copy(confusionMatrix);
        for (int row = 0; row < numClasses; row++) {
            if (confusionMatrix[row].length != numClasses) {
                throw new IllegalArgumentException("confusionMatrix[" + row + "] has "
                        + confusionMatrix[row].length + " columns, expected numClasses = " + numClasses);
            }
        }
    }

    /** A copy: the record stays immutable whatever the caller does with the array. */
    @Override
    public int[][] confusionMatrix() {
        return copy(confusionMatrix);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassificationMetrics that
                && numClasses == that.numClasses
                && n == that.n
                // Double.compare, as a record's generated equals does, so NaN equals NaN.
                && Double.compare(accuracy, that.accuracy) == 0
                && Double.compare(precisionMacro, that.precisionMacro) == 0
                && Double.compare(recallMacro, that.recallMacro) == 0
                && Double.compare(f1Macro, that.f1Macro) == 0
                && Double.compare(precisionWeighted, that.precisionWeighted) == 0
                && Double.compare(recallWeighted, that.recallWeighted) == 0
                && Double.compare(f1Weighted, that.f1Weighted) == 0
                && Double.compare(rocAucMacro, that.rocAucMacro) == 0
                && Double.compare(averagePrecisionMacro, that.averagePrecisionMacro) == 0
                && rankingUndefinedClasses.equals(that.rankingUndefinedClasses)
                && perClass.equals(that.perClass)
                && Arrays.deepEquals(confusionMatrix, that.confusionMatrix);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(numClasses, n, accuracy, precisionMacro, recallMacro, f1Macro,
                        precisionWeighted, recallWeighted, f1Weighted, rocAucMacro,
                        averagePrecisionMacro, rankingUndefinedClasses, perClass)
                + Arrays.deepHashCode(confusionMatrix);
    }

    @Override
    public String toString() {
        return "ClassificationMetrics[numClasses=" + numClasses
                + ", n=" + n
                + ", accuracy=" + accuracy
                + ", precisionMacro=" + precisionMacro
                + ", recallMacro=" + recallMacro
                + ", f1Macro=" + f1Macro
                + ", precisionWeighted=" + precisionWeighted
                + ", recallWeighted=" + recallWeighted
                + ", f1Weighted=" + f1Weighted
                + ", rocAucMacro=" + rocAucMacro
                + ", averagePrecisionMacro=" + averagePrecisionMacro
                + ", rankingUndefinedClasses=" + rankingUndefinedClasses
                + ", perClass=" + perClass
                + ", confusionMatrix=" + Arrays.deepToString(confusionMatrix)
                + "]";
    }

    private static int[][] copy(int[][] matrix) {
        int[][] copy = new int[matrix.length][];
        for (int row = 0; row < matrix.length; row++) {
            copy[row] = Objects.requireNonNull(matrix[row], "confusionMatrix row").clone();
        }
        return copy;
    }
}
