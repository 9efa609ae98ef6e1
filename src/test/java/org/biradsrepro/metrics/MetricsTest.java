package org.biradsrepro.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Small examples worked by hand; the arithmetic is in the comments. */
class MetricsTest {

    private static final double TOLERANCE = 1e-12;

    @Nested
    class Argmax {

        @Test
        void picksTheLargestValue() {
            assertThat(Metrics.argmax(new double[] {0.1, -3.0, 0.7, 0.2})).isEqualTo(2);
        }

        @Test
        void firstMaximumWinsATieLikeNumpy() {
            assertThat(Metrics.argmax(new double[] {0.2, 0.4, 0.4})).isEqualTo(1);
            assertThat(Metrics.argmax(new double[] {0.25, 0.25, 0.25, 0.25})).isZero();
        }

        @Test
        void negativeZeroTiesWithZero() {
            assertThat(Metrics.argmax(new double[] {-0.0, 0.0})).isZero();
        }

        @Test
        void rejectsNaNAndEmptyRows() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.argmax(new double[] {0.1, Double.NaN}))
                    .withMessageContaining("row[1] is NaN");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.argmax(new double[0]))
                    .withMessageContaining("row is empty");
        }
    }

    @Nested
    class ConfusionMatrix {

        @Test
        void countsTrueLabelsByRowAndPredictionsByColumn() {
            int[][] matrix = Metrics.confusionMatrix(new int[] {0, 1, 1, 2}, new int[] {0, 2, 1, 2}, 4);

            assertThat(matrix).isDeepEqualTo(new int[][] {
                {1, 0, 0, 0},
                {0, 1, 1, 0},
                {0, 0, 1, 0},
                {0, 0, 0, 0}
            });
        }

        @Test
        void namesTheBadInput() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.confusionMatrix(new int[] {0, 1}, new int[] {0}, 2))
                    .withMessage("labels has 2 entries but predicted has 1");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.confusionMatrix(new int[] {0, 1}, new int[] {0, 3}, 3))
                    .withMessage("predicted[1] = 3 is outside [0, 3)");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.confusionMatrix(new int[] {-1}, new int[] {0}, 3))
                    .withMessage("labels[0] = -1 is outside [0, 3)");
        }
    }

    @Nested
    class RocAuc {

        @Test
        void countsATiedPairAsOneHalf() {
            // Positives score 0.9 and 0.4, negatives 0.8 and 0.4. Pairs (positive, negative):
            // 0.9>0.8, 0.9>0.4, 0.4<0.8, 0.4=0.4 -> (1 + 1 + 0 + 1/2) / 4.
            boolean[] positive = {true, false, true, false};
            double[] score = {0.9, 0.8, 0.4, 0.4};

            assertThat(Metrics.rocAuc(positive, score)).isCloseTo(0.625, within(TOLERANCE));
        }

        @Test
        void isOneHalfWhenEveryScoreTies() {
            boolean[] positive = {true, false, false, true, false};
            double[] score = {0.3, 0.3, 0.3, 0.3, 0.3};

            assertThat(Metrics.rocAuc(positive, score)).isEqualTo(0.5);
        }

        @Test
        void isOneForAPerfectRankingAndZeroForAReversedOne() {
            boolean[] positive = {false, true, false, true};

            assertThat(Metrics.rocAuc(positive, new double[] {0.1, 0.9, 0.2, 0.8})).isEqualTo(1.0);
            assertThat(Metrics.rocAuc(positive, new double[] {0.9, 0.1, 0.8, 0.2})).isEqualTo(0.0);
        }

        @Test
        void treatsNegativeZeroAndZeroAsOneScore() {
            assertThat(Metrics.rocAuc(new boolean[] {true, false}, new double[] {-0.0, 0.0})).isEqualTo(0.5);
        }

        @Test
        void isNaNWithoutPositivesOrWithoutNegatives() {
            double[] score = {0.2, 0.7};

            assertThat(Metrics.rocAuc(new boolean[] {false, false}, score)).isNaN();
            assertThat(Metrics.rocAuc(new boolean[] {true, true}, score)).isNaN();
        }

        @Test
        void namesTheBadInput() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.rocAuc(new boolean[] {true, false}, new double[] {0.5}))
                    .withMessage("positive has 2 entries but score has 1");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.rocAuc(new boolean[] {true, false}, new double[] {0.5, Double.NaN}))
                    .withMessageContaining("score[1] is NaN");
        }
    }

    @Nested
    class AveragePrecision {

        @Test
        void matchesTheExampleInScikitLearnsDocumentation() {
            // average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) is 0.83333 in its
            // docstring: thresholds 0.8 (P 1, R 1/2), 0.4 (P 1/2, R 1/2), 0.35 (P 2/3, R 1)
            // -> 1/2 * 1 + 0 + 1/2 * 2/3. The trapezoid would give a different number.
            boolean[] positive = {false, false, true, true};
            double[] score = {0.1, 0.4, 0.35, 0.8};

            assertThat(Metrics.averagePrecision(positive, score)).isCloseTo(5.0 / 6.0, within(TOLERANCE));
        }

        @Test
        void tiedScoresFormOneThreshold() {
            // One threshold holding one positive and one negative: P 1/2, R 1 -> 1/2. Ranking
            // the positive first inside the tie would give 1.
            assertThat(Metrics.averagePrecision(new boolean[] {false, true}, new double[] {0.5, 0.5}))
                    .isEqualTo(0.5);
        }

        @Test
        void stepsOverATieInTheMiddle() {
            // Thresholds 0.9 (P 1, R 1/2), 0.8 (P 1/2, R 1/2), 0.4 (P 2/4, R 1) -> 1/2 + 0 + 1/4.
            boolean[] positive = {true, false, true, false};
            double[] score = {0.9, 0.8, 0.4, 0.4};

            assertThat(Metrics.averagePrecision(positive, score)).isCloseTo(0.75, within(TOLERANCE));
        }

        @Test
        void isOneWhenEverySampleIsPositiveAndNaNWhenNoneIs() {
            double[] score = {0.2, 0.7, 0.1};

            assertThat(Metrics.averagePrecision(new boolean[] {true, true, true}, score)).isEqualTo(1.0);
            assertThat(Metrics.averagePrecision(new boolean[] {false, false, false}, score)).isNaN();
        }

        @Test
        void namesTheBadInput() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.averagePrecision(new boolean[] {true}, new double[] {0.5, 0.5}))
                    .withMessage("positive has 1 entries but score has 2");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.averagePrecision(
                            new boolean[] {true, false}, new double[] {Double.NEGATIVE_INFINITY, 0.5}))
                    .withMessageContaining("score[0] is -Infinity");
        }
    }

    @Nested
    class Evaluate {

        // Rows predict 0, 2, 0 (a tie of 0 and 1, the first wins), 2 against true 0, 0, 1, 2.
        private final int[] labels = {0, 0, 1, 2};
        private final double[][] probabilities = {
            {0.7, 0.2, 0.1},
            {0.3, 0.3, 0.4},
            {0.4, 0.4, 0.2},
            {0.1, 0.2, 0.7}
        };

        @Test
        void confusionMatrixAndAccuracy() {
            ClassificationMetrics metrics = Metrics.evaluate(labels, probabilities, 3);

            assertThat(metrics.numClasses()).isEqualTo(3);
            assertThat(metrics.n()).isEqualTo(4);
            assertThat(metrics.confusionMatrix()).isDeepEqualTo(new int[][] {
                {1, 0, 1},
                {1, 0, 0},
                {0, 0, 1}
            });
            assertThat(metrics.accuracy()).isEqualTo(0.5);
        }

        @Test
        void perClassCountsWithZeroDivisionZero() {
            List<ClassMetrics> perClass = Metrics.evaluate(labels, probabilities, 3).perClass();

            // Class 0: TP 1 of 2 predicted, 2 true. Class 1: never predicted, so precision 0 and
            // F1 0. Class 2: TP 1 of 2 predicted, 1 true, F1 = 2 * 1/2 * 1 / (3/2) = 2/3.
            assertThat(perClass).extracting(ClassMetrics::label).containsExactly(0, 1, 2);
            assertThat(perClass).extracting(ClassMetrics::support).containsExactly(2, 1, 1);
            assertThat(perClass).extracting(ClassMetrics::precision).containsExactly(0.5, 0.0, 0.5);
            assertThat(perClass).extracting(ClassMetrics::recall).containsExactly(0.5, 0.0, 1.0);
            assertThat(perClass.get(0).f1()).isCloseTo(0.5, within(TOLERANCE));
            assertThat(perClass.get(1).f1()).isZero();
            assertThat(perClass.get(2).f1()).isCloseTo(2.0 / 3.0, within(TOLERANCE));
        }

        @Test
        void macroAndWeightedMeans() {
            ClassificationMetrics metrics = Metrics.evaluate(labels, probabilities, 3);

            // Macro: (1/2 + 0 + 1/2) / 3, (1/2 + 0 + 1) / 3, (1/2 + 0 + 2/3) / 3.
            assertThat(metrics.precisionMacro()).isCloseTo(1.0 / 3.0, within(TOLERANCE));
            assertThat(metrics.recallMacro()).isCloseTo(0.5, within(TOLERANCE));
            assertThat(metrics.f1Macro()).isCloseTo(7.0 / 18.0, within(TOLERANCE));
            // Weighted by supports 2, 1, 1: (1 + 0 + 1/2) / 4, (1 + 0 + 1) / 4, (1 + 0 + 2/3) / 4.
            assertThat(metrics.precisionWeighted()).isCloseTo(0.375, within(TOLERANCE));
            assertThat(metrics.recallWeighted()).isCloseTo(0.5, within(TOLERANCE));
            assertThat(metrics.f1Weighted()).isCloseTo(5.0 / 12.0, within(TOLERANCE));
        }

        @Test
        void oneVsRestRanking() {
            ClassificationMetrics metrics = Metrics.evaluate(labels, probabilities, 3);

            // Class 0: positives score 0.7, 0.3 against negatives 0.4, 0.1 -> AUC 3/4; thresholds
            // 0.7 (P 1, R 1/2), 0.4, 0.3 (P 2/3, R 1), 0.1 -> AP 1/2 + 1/3. Classes 1 and 2: the
            // one positive scores highest -> 1 and 1.
            assertThat(metrics.perClass()).extracting(ClassMetrics::rocAuc).containsExactly(0.75, 1.0, 1.0);
            assertThat(metrics.perClass().get(0).averagePrecision()).isCloseTo(5.0 / 6.0, within(TOLERANCE));
            assertThat(metrics.perClass().get(1).averagePrecision()).isEqualTo(1.0);
            assertThat(metrics.perClass().get(2).averagePrecision()).isEqualTo(1.0);
            assertThat(metrics.rocAucMacro()).isCloseTo(11.0 / 12.0, within(TOLERANCE));
            assertThat(metrics.averagePrecisionMacro()).isCloseTo(17.0 / 18.0, within(TOLERANCE));
            assertThat(metrics.rankingUndefinedClasses()).isEmpty();
        }

        @Test
        void macroRunsOverClassesThatAreTrueOrPredicted() {
            // True 0, 1, 0, 1; predicted 0, 1, 2, 1. Class 2 is only predicted and counts (with
            // precision 0); class 3 is neither and is left out, as scikit-learn's unique_labels.
            // Class 0: P 1, R 1/2, F1 2/3. Class 1: P 1, R 1, F1 1. Class 2: 0, 0, 0.
            double[][] rows = {
                {0.6, 0.2, 0.1, 0.1},
                {0.1, 0.6, 0.2, 0.1},
                {0.3, 0.1, 0.5, 0.1},
                {0.2, 0.5, 0.2, 0.1}
            };

            ClassificationMetrics metrics = Metrics.evaluate(new int[] {0, 1, 0, 1}, rows, 4);

            assertThat(metrics.precisionMacro()).isCloseTo(2.0 / 3.0, within(TOLERANCE));
            assertThat(metrics.recallMacro()).isCloseTo(0.5, within(TOLERANCE));
            assertThat(metrics.f1Macro()).isCloseTo(5.0 / 9.0, within(TOLERANCE));
            assertThat(metrics.precisionWeighted()).isCloseTo(1.0, within(TOLERANCE));
            assertThat(metrics.perClass()).hasSize(4);
            assertThat(metrics.perClass().get(3)).isEqualTo(new ClassMetrics(3, 0, 0, 0, 0, Double.NaN, Double.NaN));
            assertThat(metrics.rankingUndefinedClasses()).containsExactly(2, 3);
        }

        @Test
        void rankingMacrosAreNaNWhenNoClassHasBothPositivesAndNegatives() {
            ClassificationMetrics metrics =
                    Metrics.evaluate(new int[] {1, 1}, new double[][] {{0.2, 0.8}, {0.6, 0.4}}, 2);

            assertThat(metrics.rocAucMacro()).isNaN();
            assertThat(metrics.averagePrecisionMacro()).isNaN();
            assertThat(metrics.rankingUndefinedClasses()).containsExactly(0, 1);
            assertThat(metrics.accuracy()).isEqualTo(0.5);
        }

        @Test
        void constantScoresGiveAucOneHalfForEveryClass() {
            double[] row = {0.25, 0.25, 0.5};
            ClassificationMetrics metrics = Metrics.evaluate(
                    new int[] {0, 1, 2, 2, 1}, new double[][] {row, row, row, row, row}, 3);

            assertThat(metrics.perClass()).extracting(ClassMetrics::rocAuc).containsOnly(0.5);
            // One threshold holding everything: AP is the prevalence.
            assertThat(metrics.perClass()).extracting(ClassMetrics::averagePrecision)
                    .containsExactly(0.2, 0.4, 0.4);
        }
    }

    @Nested
    class EvaluateRejects {

        private final double[][] rows = {{0.5, 0.5}, {0.9, 0.1}};

        @Test
        void noSamples() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.evaluate(new int[0], new double[0][], 2))
                    .withMessageContaining("n == 0");
        }

        @Test
        void lengthsThatDiffer() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.evaluate(new int[] {0, 1, 1}, rows, 2))
                    .withMessage("labels has 3 entries but probabilities has 2 rows");
        }

        @Test
        void aRowOfTheWrongWidth() {
            double[][] ragged = {{0.5, 0.5}, {0.2, 0.3, 0.5}};

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.evaluate(new int[] {0, 1}, ragged, 2))
                    .withMessage("probabilities[1] has 3 columns, expected numClasses = 2");
        }

        @Test
        void aNullRow() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.evaluate(new int[] {0, 1}, new double[][] {{0.5, 0.5}, null}, 2))
                    .withMessage("probabilities[1] is null");
        }

        @Test
        void aLabelOutOfRange() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.evaluate(new int[] {0, 2}, rows, 2))
                    .withMessage("labels[1] = 2 is outside [0, 2)");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.evaluate(new int[] {-1, 0}, rows, 2))
                    .withMessage("labels[0] = -1 is outside [0, 2)");
        }

        @Test
        void aProbabilityThatIsNotFinite() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.evaluate(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {Double.NaN, 1}}, 2))
                    .withMessageStartingWith("probabilities[1][0] is NaN");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.evaluate(
                            new int[] {0, 1}, new double[][] {{0.5, Double.POSITIVE_INFINITY}, {0.5, 0.5}}, 2))
                    .withMessageStartingWith("probabilities[0][1] is Infinity");
        }

        @Test
        void aClassCountBelowOne() {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> Metrics.evaluate(new int[] {0}, new double[][] {{}}, 0))
                    .withMessage("numClasses must be at least 1, got 0");
        }
    }

    @Nested
    class Records {

        private ClassificationMetrics evaluate() {
            return Metrics.evaluate(new int[] {0, 1, 1}, new double[][] {{0.9, 0.1}, {0.3, 0.7}, {0.6, 0.4}}, 2);
        }

        @Test
        void confusionMatrixCannotBeChangedThroughTheAccessor() {
            ClassificationMetrics metrics = evaluate();

            metrics.confusionMatrix()[0][0] = 99;

            assertThat(metrics.confusionMatrix()[0][0]).isEqualTo(1);
        }

        @Test
        void confusionMatrixIsCopiedOnConstruction() {
            ClassificationMetrics original = evaluate();
            int[][] matrix = original.confusionMatrix();
            ClassificationMetrics copy = withMatrix(original, matrix);

            matrix[1][1] = 99;

            assertThat(copy.confusionMatrix()[1][1]).isEqualTo(1);
        }

        @Test
        void listsAreUnmodifiable() {
            ClassificationMetrics metrics = evaluate();

            assertThatThrownBy(() -> metrics.perClass().clear()).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> metrics.rankingUndefinedClasses().add(0))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void equalityComparesTheMatrixByContent() {
            ClassificationMetrics first = evaluate();
            ClassificationMetrics second = evaluate();
            int[][] otherMatrix = first.confusionMatrix();
            otherMatrix[0][1] = 5;

            assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
            assertThat(first).isNotEqualTo(withMatrix(first, otherMatrix));
            assertThat(first.toString()).contains("confusionMatrix=[[1, 0], [1, 1]]");
        }

        @Test
        void rejectsAMatrixOfTheWrongShape() {
            ClassificationMetrics metrics = evaluate();

            assertThatIllegalArgumentException()
                    .isThrownBy(() -> withMatrix(metrics, new int[][] {{1, 0}, {1}}))
                    .withMessage("confusionMatrix[1] has 1 columns, expected numClasses = 2");
        }

        private ClassificationMetrics withMatrix(ClassificationMetrics m, int[][] matrix) {
            return new ClassificationMetrics(m.numClasses(), m.n(), m.accuracy(), m.precisionMacro(),
                    m.recallMacro(), m.f1Macro(), m.precisionWeighted(), m.recallWeighted(), m.f1Weighted(),
                    m.rocAucMacro(), m.averagePrecisionMacro(), m.rankingUndefinedClasses(), m.perClass(),
                    matrix);
        }
    }
}
