package org.biradsrepro.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link KerasMetrics} on small examples worked by hand from Keras' definitions (see the class comment of
 * {@link KerasMetrics}); the arithmetic is in the comments. "Bucket" is {@code max(0, ceil(199 p) - 1)}: an output
 * counts as positive at threshold index {@code i} when its bucket is {@code >= i}.
 */
class KerasMetricsTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void aConfidentClassifierShowsTable2sPrecisionAboveAccuracyAboveRecall() {
        int[] labels = {0, 1, 2, 0, 1, 2, 0};
        double[][] p = {
            {0.9, 0.05, 0.05}, // right, 0.9 > 0.5: TP
            {0.1, 0.8, 0.1}, //   right, 0.8: TP
            {0.2, 0.1, 0.7}, //   right, 0.7: TP
            {0.7, 0.2, 0.1}, //   right, 0.7: TP
            {0.4, 0.35, 0.25}, // wrong (argmax 0), nothing above 0.5: its label's 0.35 is an FN
            {0.3, 0.3, 0.4}, //   right (argmax 2), but 0.4 is not above 0.5: FN
            {0.2, 0.6, 0.2}, //   wrong (argmax 1), 0.6 in a negative column: FP; its label's 0.2: FN
        };
        KerasMetrics k = KerasMetrics.of(labels, p, 3);

        // accuracy 5/7; TP = 4, FP = 1, FN = 3: precision 4/5, recall 4/7, F1 = 2 TP / (2 TP + FP + FN) = 8/12.
        assertThat(k.accuracy()).isCloseTo(5.0 / 7, within(TOLERANCE));
        assertThat(k.precision()).isCloseTo(0.8, within(TOLERANCE));
        assertThat(k.recall()).isCloseTo(4.0 / 7, within(TOLERANCE));
        assertThat(k.f1()).isCloseTo(2.0 / 3, within(TOLERANCE));
        assertThat(k.precision()).isGreaterThan(k.accuracy());
        assertThat(k.accuracy()).isGreaterThan(k.recall());

        // The macro averages of the same predictions show no such order. Predicted classes 0,1,2,0,0,2,1:
        // class 0 precision 2/3 (i0, i3 of i0, i3, i4), recall 2/3 (i0, i3 of i0, i3, i6); class 1: 1/2 and 1/2;
        // class 2: 2/2 and 2/2. Macro precision = macro recall = (2/3 + 1/2 + 1) / 3 = 13/18 > accuracy 5/7.
        ClassificationMetrics macro = Metrics.evaluate(labels, p, 3);
        assertThat(macro.recallMacro()).isCloseTo(13.0 / 18, within(TOLERANCE));
        assertThat(macro.recallMacro()).isGreaterThan(macro.accuracy());
    }

    @Test
    void anOutputOfExactlyOneHalfIsNotPositive() {
        // tf.greater(y_pred, 0.5): 0.5 itself is negative. Both images are right (a tie goes to the first maximum),
        // yet no output is above 0.5: TP = FP = 0.
        KerasMetrics k = KerasMetrics.of(new int[] {0, 1}, new double[][] {{0.5, 0.5, 0}, {0.25, 0.5, 0.25}}, 3);

        assertThat(k.accuracy()).isEqualTo(1.0);
        // divide_no_nan(0, 0 + 0) = 0, not NaN; recall 0 / 2; F1 divide_no_nan(0, 0) * 2 = 0.
        assertThat(k.precision()).isZero();
        assertThat(k.recall()).isZero();
        assertThat(k.f1()).isZero();
    }

    @Test
    void outputsAreComparedAsFloat32() {
        // Row 0: 0.5 + 2^-24, the float just above 0.5, is positive. Row 1: 0.5 + 1e-9 becomes 0.5f when cast to
        // float32 (the floats near 0.5 are 2^-24 apart), as Keras casts y_pred, so it is not; its 0.5 - 1e-9 also
        // becomes 0.5f, and the tie goes to column 0, the label.
        double justAbove = Math.nextUp(0.5f);
        double[][] p = {{justAbove, 1 - justAbove, 0}, {0.5 + 1e-9, 0.5 - 1e-9, 0}};
        KerasMetrics k = KerasMetrics.of(new int[] {0, 0}, p, 3);

        // accuracy 2/2; TP = 1 (row 0), FP = 0, FN = 1 (row 1): precision 1, recall 1/2, F1 = 2 * 1 * 0.5 / 1.5.
        assertThat(k.accuracy()).isEqualTo(1.0);
        assertThat(k.precision()).isEqualTo(1.0);
        assertThat(k.recall()).isEqualTo(0.5);
        assertThat(k.f1()).isCloseTo(2.0 / 3, within(TOLERANCE));
    }

    @Test
    void aRareClassNeverPredictedBarelyMovesKerasRecallButHalvesMacroRecall() {
        // Eight images of class 0 predicted 0 with 0.9; one of class 1 and one of class 2, both predicted 0.
        int[] labels = {0, 0, 0, 0, 0, 0, 0, 0, 1, 2};
        double[][] p = new double[10][];
        for (int i = 0; i < 8; i++) {
            p[i] = new double[] {0.9, 0.05, 0.05};
        }
        p[8] = new double[] {0.8, 0.1, 0.1};
        p[9] = new double[] {0.7, 0.2, 0.1};
        KerasMetrics k = KerasMetrics.of(labels, p, 3);

        // Outputs above 0.5: column 0 of every row, 8 on a positive entry (TP), 2 on a negative (FP); FN = 2
        // (0.1 of row 8's column 1, 0.1 of row 9's column 2). Accuracy 8/10, precision 8/10, recall 8/10, F1 0.8.
        assertThat(k.accuracy()).isCloseTo(0.8, within(TOLERANCE));
        assertThat(k.precision()).isCloseTo(0.8, within(TOLERANCE));
        assertThat(k.recall()).isCloseTo(0.8, within(TOLERANCE));
        assertThat(k.f1()).isCloseTo(0.8, within(TOLERANCE));
        // Macro over classes {0, 1, 2}: recall 1, 0, 0 -> 1/3; precision 8/10, 0, 0 -> 0.8/3.
        ClassificationMetrics macro = Metrics.evaluate(labels, p, 3);
        assertThat(macro.recallMacro()).isCloseTo(1.0 / 3, within(TOLERANCE));
        assertThat(macro.precisionMacro()).isCloseTo(0.8 / 3, within(TOLERANCE));

        // AUC, 30 flattened entries, P = 10, N = 20; buckets: 0.9 -> ceil(179.1) - 1 = 179, 0.8 -> 159, 0.7 -> 139,
        // 0.2 -> 39, 0.1 -> ceil(19.9) - 1 = 19, 0.05 -> 9.
        //   positives: 8 x 0.9 (179), row 8's 0.1 and row 9's 0.1 (19)
        //   negatives: 16 x 0.05 (9), row 8: 0.8 (159), 0.1 (19); row 9: 0.7 (139), 0.2 (39)
        // (TP, FP) counted at the threshold just above each occupied bucket, top down:
        //   (0,0) [above 179], (8,0) [159], (8,1) [139], (8,2) [39], (8,3) [19], (10,4) [9], (10,20) [every entry]
        // ROC, width dFP/20 times mean TPR: 3 x (1/20)(0.8) + (1/20)(0.8 + 1)/2 + (16/20)(1) = 0.12 + 0.045 + 0.8
        // = 0.965, here also the exact Mann-Whitney value (8 x 20 + 2 x 16 + 2 x 1 x 1/2 = 193 of 200 pairs).
        assertThat(k.rocAuc()).isCloseTo(0.965, within(TOLERANCE));
        // PR, interval by interval, A the lower threshold (more predicted), B the higher; predicted P = TP + FP:
        //   bucket 9:   A (10, 20) P 30, B (10, 4) P 14: dTP = 0, slope 0: adds 0 (likewise buckets 39, 139, 159)
        //   bucket 19:  A (10, 4) P 14, B (8, 3) P 11: dTP = 2, dP = 3, slope 2/3, intercept = 8 - (2/3) 11 = 2/3,
        //               adds (2/3)(2 + (2/3) ln(14/11)) / 10
        //   bucket 179: A (8, 0) P 8, B (0, 0) P 0: slope 8/8 = 1, intercept 0, log term 0: adds 1 * 8 / 10
        double pr = 0.8 + (2.0 / 3) * (2 + (2.0 / 3) * Math.log(14.0 / 11)) / 10;
        assertThat(pr).isCloseTo(0.9440516, within(1e-7));
        assertThat(k.prAuc()).isCloseTo(pr, within(TOLERANCE));
    }

    @Test
    void aTinyCaseWorkedThroughBothCurves() {
        // Flattened (label, output): (+,0.8) (-,0.2) | (-,0.4) (+,0.6) | (-,0.7) (+,0.3); P = 3, N = 3.
        // Buckets: 0.8 -> 159, 0.7 -> 139, 0.6 -> 119, 0.4 -> 79, 0.3 -> 59, 0.2 -> 39: no two share one.
        KerasMetrics k = KerasMetrics.of(new int[] {0, 1, 1}, new double[][] {{0.8, 0.2}, {0.4, 0.6}, {0.7, 0.3}}, 2);

        // Argmax 0, 1, 0 against 0, 1, 1: accuracy 2/3. Above 0.5: 0.8 (+), 0.6 (+), 0.7 (-): TP 2, FP 1, FN 1.
        assertThat(k.accuracy()).isCloseTo(2.0 / 3, within(TOLERANCE));
        assertThat(k.precision()).isCloseTo(2.0 / 3, within(TOLERANCE));
        assertThat(k.recall()).isCloseTo(2.0 / 3, within(TOLERANCE));
        assertThat(k.f1()).isCloseTo(2.0 / 3, within(TOLERANCE));
        // (TP, FP) at thresholds 0..39: (3,3); 40..59: (3,2); 60..79: (2,2); 80..119: (2,1); 120..139: (1,1);
        // 140..159: (1,0); 160..199: (0,0).
        // ROC points (FPR, TPR): (1,1) (2/3,1) (2/3,2/3) (1/3,2/3) (1/3,1/3) (0,1/3) (0,0). Trapezoids where FPR
        // drops: (1/3)(1) + (1/3)(2/3) + (1/3)(1/3) = 6/9 = 2/3 (the exact AUC too: 6 of 9 pairs ranked right).
        assertThat(k.rocAuc()).isCloseTo(2.0 / 3, within(TOLERANCE));
        // PR, where TP drops (elsewhere dTP = 0 adds 0):
        //   39 -> 40 is a negative: 0
        //   59 -> 60: A (3,2) P 5, B (2,2) P 4: slope 1/1, intercept 2 - 4 = -2: (1 - 2 ln(5/4)) / 3
        //   119 -> 120: A (2,1) P 3, B (1,1) P 2: slope 1, intercept 1 - 2 = -1: (1 - ln(3/2)) / 3
        //   159 -> 160: A (1,0) P 1, B (0,0) P 0: slope 1, intercept 0, log term 0: 1 / 3
        // Sum (3 - 2 ln 1.25 - ln 1.5) / 3 = (3 - 0.4462871026 - 0.4054651081) / 3 = 0.7160825964; scikit-learn's
        // step-wise average precision would be (1 + 2/3 + 3/5) / 3 = 0.7556.
        assertThat(k.prAuc()).isCloseTo(0.7160825964, within(1e-10));
        assertThat(k.prAuc()).isCloseTo((3 - 2 * Math.log(1.25) - Math.log(1.5)) / 3, within(TOLERANCE));
    }

    @Test
    void aPerfectRankingHasBothAreasOne() {
        // One-hot outputs: positives 1.0 (bucket ceil(199) - 1 = 198), negatives 0.0 (ceil(0) - 1 = -1, raised to 0).
        // TP = P at every index up to 198, FP = N at index 0 only. ROC: the one interval 0 -> 1 where FPR drops adds
        // (1 - 0)(1 + 1)/2 = 1. PR: 0 -> 1 drops negatives only (slope 0); 198 -> 199: slope P/P = 1, intercept 0,
        // adds 1 * P / P = 1.
        KerasMetrics oneHot = KerasMetrics.of(new int[] {0, 1, 2}, new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}}, 3);
        assertThat(oneHot).isEqualTo(new KerasMetrics(1, 1, 1, 1, 1, 1));

        // Softer, still perfect: positives 0.9 (bucket 179), negatives 0.05 (bucket 9): same areas.
        KerasMetrics soft = KerasMetrics.of(new int[] {0, 1, 2},
                new double[][] {{0.9, 0.05, 0.05}, {0.05, 0.9, 0.05}, {0.05, 0.05, 0.9}}, 3);
        assertThat(soft.rocAuc()).isEqualTo(1.0);
        assertThat(soft.prAuc()).isEqualTo(1.0);
    }

    @Test
    void constantPredictionsHaveRocAucOneHalfAndPrAucThePrevalence() {
        // Every output 1/3: 199/3 = 66.33 -> bucket 66 for all 12 entries (P = 4, N = 8). TP, FP = (4, 8) up to 66,
        // (0, 0) from 67. ROC: one interval, (1 - 0)(1 + 0)/2 = 1/2. PR: one interval, slope 4/12, intercept 0, log
        // term 0: (1/3)(4)/4 = 1/3, the share of positive entries, 1 / numClasses. Argmax 0 (first of a tie): the
        // two images of class 0 are right, 2/4; nothing above 0.5: precision, recall, F1 0.
        double third = 1.0 / 3;
        double[] row = {third, third, third};
        KerasMetrics k = KerasMetrics.of(new int[] {0, 1, 2, 0}, new double[][] {row, row, row, row}, 3);

        assertThat(k.rocAuc()).isCloseTo(0.5, within(TOLERANCE));
        assertThat(k.prAuc()).isCloseTo(1.0 / 3, within(TOLERANCE));
        assertThat(k.accuracy()).isEqualTo(0.5);
        assertThat(k.precision()).isZero();
        assertThat(k.recall()).isZero();
        assertThat(k.f1()).isZero();
    }

    @Test
    void outputsLessThanOneBucketApartAreTied() {
        // A perfect ranking to scikit-learn (0.502 > 0.498, exact AUC 1), but 199 x 0.502 = 99.90 and 199 x 0.498 =
        // 99.10 share bucket 99: one interval, as for constant outputs: ROC 1/2, PR 1/2 (1 positive of 2 entries).
        KerasMetrics k = KerasMetrics.of(new int[] {0}, new double[][] {{0.502, 0.498}}, 2);

        assertThat(k.rocAuc()).isCloseTo(0.5, within(TOLERANCE));
        assertThat(k.prAuc()).isCloseTo(0.5, within(TOLERANCE));
        assertThat(Metrics.rocAuc(new boolean[] {true, false}, new double[] {0.502, 0.498})).isEqualTo(1.0);
        // 0.502 > 0.5: TP 1, FP 0, FN 0.
        assertThat(k.precision()).isEqualTo(1.0);
        assertThat(k.recall()).isEqualTo(1.0);
    }

    @Test
    void bucketsAreStrictlyAboveTheirThresholdInFloat32() {
        // ceil(199 p) - 1 in float32, raised to 0.
        assertThat(KerasMetrics.bucket(0f)).isZero(); //                 ceil(0) - 1 = -1 -> 0: counted at -epsilon
        assertThat(KerasMetrics.bucket(1e-9f)).isZero(); //              ceil(1.99e-7) - 1 = 0
        assertThat(KerasMetrics.bucket(0.5f)).isEqualTo(99); //          ceil(99.5) - 1
        assertThat(KerasMetrics.bucket(1f)).isEqualTo(198); //           ceil(199) - 1: nothing counts at 1 + epsilon
        // (float) (100/199) = 0.5025126f, and 0.5025126f * 199 rounds to exactly 100.0f: an output equal to
        // threshold 100 is not above it (bucket 99); the next float up is (100.00001 -> bucket 100).
        float t100 = (float) (100.0 / 199);
        assertThat(t100 * 199f).isEqualTo(100f);
        assertThat(KerasMetrics.bucket(t100)).isEqualTo(99);
        assertThat(KerasMetrics.bucket(Math.nextUp(t100))).isEqualTo(100);
        // Not so everywhere: (float) (31/199) = 0.1557789f, whose product with 199 rounds up to 31.000002f, so an
        // output equal to threshold 31 falls in bucket 31 and counts as above it; and (float) (41/199) = 0.20603015f
        // has a next float 0.20603016f whose product rounds down to 41.0f: bucket 40, not above threshold 41.
        // Keras' AUC() counts by these buckets, not by y_pred > t.
        float t31 = (float) (31.0 / 199);
        assertThat(t31 * 199f).isGreaterThan(31f);
        assertThat(KerasMetrics.bucket(t31)).isEqualTo(31);
        float aboveT41 = Math.nextUp((float) (41.0 / 199));
        assertThat(aboveT41 * 199f).isEqualTo(41f);
        assertThat(KerasMetrics.bucket(aboveT41)).isEqualTo(40);
    }

    @Test
    void recallNeverExceedsAccuracyOnSoftmaxRows() {
        // At most one output of a row summing to 1 is above 0.5, and it is the row's argmax: every TP is a correct
        // prediction, so TP / n <= correct / n.
        SplittableRandom random = new SplittableRandom(20260301);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(30);
            int[] labels = new int[n];
            double[][] p = new double[n][6];
            for (int i = 0; i < n; i++) {
                labels[i] = random.nextInt(6);
                double sum = 0;
                for (int c = 0; c < 6; c++) {
                    p[i][c] = Math.exp(3 * random.nextGaussian() + (c == labels[i] ? 2 : 0));
                    sum += p[i][c];
                }
                for (int c = 0; c < 6; c++) {
                    p[i][c] /= sum;
                }
            }
            KerasMetrics k = KerasMetrics.of(labels, p, 6);
            assertThat(k.recall()).isLessThanOrEqualTo(k.accuracy());
        }
    }

    @Test
    void refusesWhatIsNotOneHotAgainstSoftmax() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KerasMetrics.of(new int[] {0}, new double[][] {{1}}, 1))
                .withMessageContaining("numClasses must be at least 2, got 1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KerasMetrics.of(new int[0], new double[0][], 6))
                .withMessageContaining("n == 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KerasMetrics.of(new int[] {0, 1}, new double[][] {{1, 0}}, 2))
                .withMessageContaining("labels has 2 entries but probabilities has 1 rows");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KerasMetrics.of(new int[] {2}, new double[][] {{1, 0}}, 2))
                .withMessageContaining("labels[0] = 2 is outside [0, 2)");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KerasMetrics.of(new int[] {0}, new double[][] {{1, 0, 0}}, 2))
                .withMessageContaining("probabilities[0] has 3 columns, expected numClasses = 2");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KerasMetrics.of(new int[] {0}, new double[][] {{1.2, -0.2}}, 2))
                .withMessageContaining("probabilities[0][0] is 1.2, expected a softmax output in [0, 1]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KerasMetrics.of(new int[] {0}, new double[][] {{0.5, Double.NaN}}, 2))
                .withMessageContaining("probabilities[0][1] is NaN");
    }
}
