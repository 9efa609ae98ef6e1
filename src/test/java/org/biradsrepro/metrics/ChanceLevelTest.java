package org.biradsrepro.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/**
 * The chance check against independent computations: the null variance against every distinct shuffle of the labels
 * enumerated and scored by {@link Metrics#evaluate} (the scikit-learn-checked AUC), and against the textbook
 * Mann-Whitney variance; the bound's false-alarm rate against shuffles of a fixture-sized test side.
 */
class ChanceLevelTest {

    /** Every distinct arrangement of a multiset of labels (counts[c] of class c), each once. */
    private static List<int[]> arrangements(int[] counts) {
        int n = Arrays.stream(counts).sum();
        List<int[]> out = new ArrayList<>();
        arrange(counts.clone(), new int[n], 0, out);
        return out;
    }

    private static void arrange(int[] left, int[] prefix, int at, List<int[]> out) {
        if (at == prefix.length) {
            out.add(prefix.clone());
            return;
        }
        for (int c = 0; c < left.length; c++) {
            if (left[c] > 0) {
                left[c]--;
                prefix[at] = c;
                arrange(left, prefix, at + 1, out);
                left[c]++;
            }
        }
    }

    /** Mean and population variance of the macro AUC over all label arrangements, each equally likely. */
    private static double[] exactNullMoments(int[] counts, double[][] scores, int numClasses) {
        double sum = 0;
        double sumSquares = 0;
        List<int[]> all = arrangements(counts);
        for (int[] labels : all) {
            double auc = Metrics.evaluate(labels, scores, numClasses).rocAucMacro();
            sum += auc;
            sumSquares += auc * auc;
        }
        double mean = sum / all.size();
        return new double[] {mean, sumSquares / all.size() - mean * mean, all.size()};
    }

    @Test
    void nullVarianceEqualsTheExactPermutationVarianceWithTiesCorrelatedClassesAndAnAbsentClass() {
        // 9 samples of classes 0, 1, 2 (class 3 absent: left out of the macro mean), scores with ties in every
        // column and no relation between the columns: 9! / (4! 2! 3!) = 1260 arrangements.
        int[] counts = {4, 2, 3, 0};
        Random random = new Random(7);
        double[][] scores = new double[9][4];
        for (double[] row : scores) {
            for (int c = 0; c < 4; c++) {
                row[c] = Math.round(random.nextDouble() * 4) / 4.0;
            }
        }
        double[] exact = exactNullMoments(counts, scores, 4);
        assertThat(exact[2]).isEqualTo(1260);

        int[] labels = {0, 0, 0, 0, 1, 1, 2, 2, 2};
        assertThat(exact[0]).as("the null mean is 0.5 exactly").isCloseTo(0.5, within(1e-12));
        assertThat(ChanceLevel.macroRocAucNullVariance(labels, scores, 4)).isCloseTo(exact[1], within(1e-12));
        // The classes are correlated (one shuffle moves every class): ignoring it, as the sum of the per-class
        // variances over K^2 does, gives another number.
        double independent = 0;
        for (int c = 0; c < 3; c++) {
            double[] column = new double[9];
            for (int i = 0; i < 9; i++) {
                column[i] = scores[i][c];
            }
            double squares = 0;
            for (double r : ChanceLevel.midranks(column)) {
                squares += (r - 5) * (r - 5);
            }
            double pn = counts[c] * (9.0 - counts[c]);
            independent += pn / (9 * 8) * squares / (pn * pn) / 9;
        }
        assertThat(Math.abs(independent - exact[1])).as("correlation matters here").isGreaterThan(1e-4);
    }

    @Test
    void binaryNullVarianceIsMannWhitneysWithoutTies() {
        // Var(U) = P N (n + 1) / 12, so Var(AUC) = (n + 1) / (12 P N); column 1 mirrors column 0, so both classes'
        // AUCs are equal and the macro mean has the same variance.
        int[] labels = {0, 1, 1, 0, 1, 0, 0};
        double[][] scores = new double[7][];
        for (int i = 0; i < 7; i++) {
            double s = (i * 3 % 7) / 10.0;
            scores[i] = new double[] {s, 1 - s};
        }
        assertThat(ChanceLevel.macroRocAucNullVariance(labels, scores, 2)).isCloseTo(8.0 / (12 * 4 * 3), within(1e-15));
        assertThat(exactNullMoments(new int[] {4, 3}, scores, 2)[1]).isCloseTo(8.0 / (12 * 4 * 3), within(1e-12));
    }

    @Test
    void aModelThatLearnedNothingPassesTheBoundAboutOneTimeInTwenty() {
        // A fixture-sized test side (the phantoms' class proportions, 72 images) with scores unrelated to the labels:
        // shuffled labels stand for runs that learned nothing. The two-sided 5% bound should call about 5% of them
        // informative; 4000 shuffles put 95% of such rates within 0.05 +- 0.007.
        int[] counts = {6, 46, 7, 10, 2, 1};
        int[] labels = new int[72];
        for (int c = 0, i = 0; c < counts.length; c++) {
            for (int k = 0; k < counts[c]; k++) {
                labels[i++] = c;
            }
        }
        Random random = new Random(11);
        double[][] scores = new double[72][6];
        for (double[] row : scores) {
            for (int c = 0; c < 6; c++) {
                row[c] = random.nextDouble();
            }
        }
        double bound = ChanceLevel.of(labels, scores, 6).bound();
        int outside = 0;
        int shuffles = 4000;
        for (int s = 0; s < shuffles; s++) {
            for (int i = labels.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = labels[i];
                labels[i] = labels[j];
                labels[j] = t;
            }
            if (s < 20) {
                assertThat(ChanceLevel.of(labels, scores, 6).bound()).as("the bound depends on scores and class counts "
                        + "only").isCloseTo(bound, within(1e-12));
            }
            outside += Math.abs(Metrics.evaluate(labels, scores, 6).rocAucMacro() - 0.5) > bound ? 1 : 0;
        }
        assertThat(outside / (double) shuffles).isBetween(0.035, 0.065);
    }

    @Test
    void predictionsOfTheClassPriorAreUninformativeWhateverTheirRanking() {
        // Every image's argmax is class 1, but columns 0 and 2 rank their own classes perfectly: the AUC is far
        // from chance, the predictions are still those of a constant classifier.
        int[] labels = {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2};
        double[][] p = new double[12][];
        for (int i = 0; i < 12; i++) {
            p[i] = new double[] {labels[i] == 0 ? 0.3 : 0.1, 0.6, labels[i] == 2 ? 0.3 : 0.1};
        }
        ChanceLevel c = ChanceLevel.of(labels, p, 3);

        assertThat(c.predictedClasses()).isEqualTo(1);
        assertThat(c.singleClass()).isTrue();
        assertThat(c.aucAtChance()).isFalse();
        assertThat(c.uninformative()).isTrue();
        assertThat(c.reason()).startsWith("1 predicted class; macro ROC AUC").contains("outside 0.5");
    }

    @Test
    void identicalProbabilitiesForEveryImageGiveAucOneHalfAndNoRoomForChance() {
        int[] labels = {0, 1, 1, 1, 3, 1, 2, 1};
        double[][] p = new double[8][];
        for (int i = 0; i < 8; i++) {
            p[i] = new double[] {0.07, 0.62, 0.09, 0.13, 0.05, 0.04};
        }
        ChanceLevel c = ChanceLevel.of(labels, p, 6);

        assertThat(c.rocAucMacro()).isEqualTo(0.5);
        assertThat(c.chanceSd()).isZero();
        assertThat(c.aucAtChance()).isTrue();
        assertThat(c.uninformative()).isTrue();
        assertThat(c.reason()).isEqualTo("1 predicted class; macro ROC AUC 0.5000 within 0.5 \u00b1 0.0000");
    }

    @Test
    void aClassifierThatRanksAndPredictsSeveralClassesIsInformativeButTwoImagesCannotShowIt() {
        int[] labels = {0, 3, 0, 3, 0, 3, 0, 3, 0, 3, 0, 3};
        double[][] p = new double[12][];
        for (int i = 0; i < 12; i++) {
            p[i] = new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
            p[i][labels[i]] = 0.5;
        }
        ChanceLevel twelve = ChanceLevel.of(labels, p, 6);
        assertThat(twelve.rocAucMacro()).isEqualTo(1.0);
        assertThat(twelve.predictedClasses()).isEqualTo(2);
        // Two classes of 6 in 12, two tied groups per column: Var(R) = 36 / 132 * 108, Var(AUC) = that / 36^2; the
        // columns are mirror images, so the macro mean has the same variance.
        assertThat(twelve.chanceSd()).isCloseTo(Math.sqrt(36.0 / 132 * 108 / (36 * 36)), within(1e-12));
        assertThat(twelve.uninformative()).isFalse();

        ChanceLevel two = ChanceLevel.of(new int[] {0, 3}, new double[][] {p[0], p[1]}, 6);
        assertThat(two.rocAucMacro()).isEqualTo(1.0);
        assertThat(two.uninformative()).as("0.5 from 0.5 is within chance with two images").isTrue();
    }

    @Test
    void anUndefinedAucCannotShowLearning() {
        // One class on the test side: no class has both positives and negatives.
        ChanceLevel c = ChanceLevel.of(new int[] {2, 2, 2}, new double[][] {{0.2, 0.3, 0.5}, {0.6, 0.3, 0.1},
            {0.1, 0.8, 0.1}}, 3);

        assertThat(c.rocAucMacro()).isNaN();
        assertThat(c.predictedClasses()).isEqualTo(3);
        assertThat(c.uninformative()).isTrue();
        assertThat(c.reason()).isEqualTo("3 predicted classes; macro ROC AUC undefined");
    }

    @Test
    void zIsTheTwoSidedFivePercentPointOfTheNormal() {
        assertThat(ChanceLevel.Z).isCloseTo(NormalDistribution.of(0, 1).inverseSurvivalProbability(0.025), within(1e-15));
    }

    @Test
    void midranksShareTiedRanks() {
        assertThat(ChanceLevel.midranks(new double[] {3, 1, 3, 2, 3})).containsExactly(4, 1, 4, 2, 4);
    }
}
