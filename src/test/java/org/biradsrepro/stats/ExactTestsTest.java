package org.biradsrepro.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Edge cases the exact-test fixture does not cover: rejection, degenerate data, floors, symmetry, Holm's order. */
class ExactTestsTest {

    @Test
    void undefinedDifferencesAreRejectedNamingTheArray() {
        double[] withNaN = {0.1, Double.NaN, 0.2};
        assertThatThrownBy(() -> SignFlip.test(withNaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0.1, NaN, 0.2]");
        assertThatThrownBy(() -> SignedRank.greater(withNaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0.1, NaN, 0.2]");
        assertThatThrownBy(() -> SignFlip.test(new double[] {0.1, Double.POSITIVE_INFINITY}))
                .hasMessageContaining("Infinity");
        assertThatThrownBy(() -> SignedRank.greater(new double[] {0.1, Double.NEGATIVE_INFINITY}))
                .hasMessageContaining("-Infinity");
        assertThatThrownBy(() -> SignFlip.test(new double[0])).hasMessageContaining("at least one");
        assertThatThrownBy(() -> SignedRank.greater(new double[0])).hasMessageContaining("at least one");
    }

    @Test
    void noNonzeroDifferenceIsNoEvidence() {
        double[] zeros = {0, 0, 0, 0, 0};
        assertThat(SignFlip.test(zeros)).isEqualTo(new SignFlip.Result(1, 1, 0, true, 1));
        assertThat(SignedRank.greater(zeros)).isEqualTo(new SignedRank.Result(0, 1, 0, false, 1));
    }

    @Test
    void fiveSplitsCannotGoBelowOneIn32HoweverLargeTheGains() {
        SignFlip.Result flip = SignFlip.test(new double[] {0.01, 0.2, 0.3, 0.4, 0.9});
        assertThat(flip.pGreater()).isEqualTo(1.0 / 32).isEqualTo(flip.smallestP());
        assertThat(flip.pLess()).isEqualTo(1.0);
        SignedRank.Result rank = SignedRank.greater(new double[] {0.01, 0.2, 0.3, 0.4, 0.9});
        assertThat(rank.pGreater()).isEqualTo(1.0 / 32).isEqualTo(rank.smallestP());
        assertThat(rank.wPlus()).isEqualTo(15.0);
        // A zero split raises the floor to 1/16.
        assertThat(SignFlip.test(new double[] {0.01, 0.2, 0, 0.4, 0.9}).smallestP()).isEqualTo(1.0 / 16);
    }

    @Test
    void pLessOfTheNegatedDifferencesIsPGreater() {
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 50; trial++) {
            // Steps of 1/74 with zeros and ties, as accuracy differences come.
            double[] d = random.ints(1 + random.nextInt(12), -3, 4).mapToDouble(s -> s / 74.0).toArray();
            double[] negated = Arrays.stream(d).map(v -> -v).toArray();
            assertThat(SignFlip.test(negated).pLess()).as(Arrays.toString(d)).isEqualTo(SignFlip.test(d).pGreater());
            assertThat(SignFlip.test(negated).pGreater()).as(Arrays.toString(d)).isEqualTo(SignFlip.test(d).pLess());
        }
    }

    @Test
    void meetInTheMiddleCountsWhatPlainEnumerationCounts() {
        // Continuous values, where no two sums tie: a count by brute force over all 2^m sign vectors.
        SplittableRandom random = new SplittableRandom(5);
        for (int m = 1; m <= 13; m++) {
            double[] d = random.doubles(m, -1, 1.5).toArray();
            double observed = Arrays.stream(d).sum();
            int atLeast = 0;
            int atMost = 0;
            for (int signs = 0; signs < 1 << m; signs++) {
                double sum = 0;
                for (int i = 0; i < m; i++) {
                    sum += (signs >> i & 1) == 1 ? -Math.abs(d[i]) : Math.abs(d[i]);
                }
                atLeast += sum >= observed - 1e-9 ? 1 : 0;
                atMost += sum <= observed + 1e-9 ? 1 : 0;
            }
            SignFlip.Result r = SignFlip.test(d);
            assertThat(r.pGreater()).as("m = %d", m).isEqualTo((double) atLeast / (1 << m));
            assertThat(r.pLess()).as("m = %d", m).isEqualTo((double) atMost / (1 << m));
        }
    }

    @Test
    void fortyNonzeroDifferencesAreEnumeratedAndFortyOneRefused() {
        double[] forty = new double[40];
        Arrays.fill(forty, 1.0 / 74);
        SignFlip.Result r = SignFlip.test(forty);
        assertThat(r.pGreater()).isEqualTo(Math.scalb(1.0, -40)).isEqualTo(r.smallestP());
        assertThat(r.pLess()).isEqualTo(1.0);
        // Zeros do not count toward the limit.
        assertThat(SignFlip.test(Arrays.copyOf(new double[] {1, 1, 1}, 45)).nonzero()).isEqualTo(3);
        double[] fortyOne = new double[41];
        Arrays.fill(fortyOne, 0.5);
        assertThatThrownBy(() -> SignFlip.test(fortyOne)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m = 41");
    }

    @Test
    void twentyNonzeroDifferencesAreRankedAndTwentyOneRefused() {
        double[] twenty = new double[20];
        Arrays.setAll(twenty, i -> (i + 1) / 74.0);
        assertThat(SignedRank.greater(twenty).pGreater()).isEqualTo(Math.scalb(1.0, -20));
        // Zeros do not count toward the limit.
        assertThat(SignedRank.greater(Arrays.copyOf(twenty, 30)).nonzero()).isEqualTo(20);
        double[] twentyOne = Arrays.copyOf(twenty, 21);
        twentyOne[20] = 0.5;
        assertThatThrownBy(() -> SignedRank.greater(twentyOne)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("m = 21");
    }

    @Test
    void roundOffDoesNotBreakTiesInRanks() {
        // 40/74 - 39/74, 32/74 - 31/74 and 30/74 - 31/74 are one image each, but three different doubles.
        double[] counted = {40 / 74.0 - 39 / 74.0, 32 / 74.0 - 31 / 74.0, 30 / 74.0 - 31 / 74.0};
        assertThat(Math.abs(counted[0])).isNotEqualTo(Math.abs(counted[2]));
        SignedRank.Result r = SignedRank.greater(counted);
        assertThat(r).isEqualTo(SignedRank.greater(new double[] {1 / 74.0, 1 / 74.0, -1 / 74.0}));
        assertThat(r.ties()).isTrue();
        assertThat(r.wPlus()).isEqualTo(4.0);
        // Flipping a +1 and the -1 leaves the sum unchanged up to round-off: a tie, as in scipy.
        assertThat(SignFlip.test(counted).pGreater()).isEqualTo(4.0 / 8);
        // A residue of round-off where two equal metrics were computed along different paths is a zero.
        assertThat(SignedRank.greater(new double[] {-2e-17, 1 / 74.0}).nonzero()).isEqualTo(1);
    }

    @Test
    void holmKeepsTheOrderOfThePValuesAndNeverLowersThem() {
        double[] p = {0.04, 0.001, 0.3, 0.04, 0.02, 0.9};
        double[] adjusted = Holm.adjust(p);
        for (int i = 0; i < p.length; i++) {
            assertThat(adjusted[i]).isGreaterThanOrEqualTo(p[i]).isLessThanOrEqualTo(1.0);
            for (int j = 0; j < p.length; j++) {
                if (p[i] <= p[j]) {
                    assertThat(adjusted[i]).isLessThanOrEqualTo(adjusted[j]);
                }
            }
        }
        // Smallest 6 * 0.001; then 5 * 0.02 = 0.1; the tied 0.04 both max(4, 3) * 0.04 = 0.16.
        assertThat(adjusted[1]).isCloseTo(0.006, within(1e-15));
        assertThat(adjusted[4]).isCloseTo(0.1, within(1e-15));
        assertThat(adjusted[0]).isEqualTo(adjusted[3]).isCloseTo(0.16, within(1e-15));
        assertThat(p).containsExactly(0.04, 0.001, 0.3, 0.04, 0.02, 0.9);
    }

    @Test
    void holmLeavesNaNAsNaNAndOutOfTheFamily() {
        double[] adjusted = Holm.adjust(new double[] {0.01, Double.NaN, 0.04, Double.NaN});
        // m = 2, not 4: 2 * 0.01 and then 1 * 0.04.
        assertThat(adjusted[0]).isCloseTo(0.02, within(1e-15));
        assertThat(adjusted[1]).isNaN();
        assertThat(adjusted[2]).isCloseTo(0.04, within(1e-15));
        assertThat(adjusted[3]).isNaN();
        assertThat(Holm.adjust(new double[0])).isEmpty();
        assertThat(Holm.adjust(new double[] {Double.NaN})).containsExactly(Double.NaN);
        assertThatThrownBy(() -> Holm.adjust(new double[] {0.2, 1.5})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("p[1] = 1.5");
    }

    @Test
    void noncentralTAgreesWithClosedFormsAndRefusesBadDegreesOfFreedom() {
        // With noncentrality 0 and df 1 it is the Cauchy distribution: P(T > t) = 1/2 - atan(t) / pi.
        for (double t : new double[] {-5, -1, 0, 0.3, 2, 10}) {
            assertThat(NoncentralT.survival(t, 1, 0)).isCloseTo(0.5 - Math.atan(t) / Math.PI, within(1e-12));
        }
        // At t = 0 only the sign of Z + lambda matters: Phi(lambda).
        assertThat(NoncentralT.survival(0, 4, 1.0)).isCloseTo(0.8413447460685429, within(1e-12));
        assertThat(NoncentralT.survival(Double.POSITIVE_INFINITY, 4, 1)).isZero();
        assertThat(NoncentralT.survival(Double.NEGATIVE_INFINITY, 4, 1)).isEqualTo(1.0);
        assertThatThrownBy(() -> NoncentralT.survival(1, 0.5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0.5");
        assertThatThrownBy(() -> NoncentralT.survival(1, Double.NaN, 0)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> NoncentralT.noncentralityForPower(1.0, 4, 0.05)).hasMessageContaining("1.0");
        assertThatThrownBy(() -> NoncentralT.noncentralityForPower(0.8, 4, 0)).hasMessageContaining("0.0");
    }

    @Test
    void fiveSplitsNeedANoncentralityOf3AndManySplitsTheNormalOne() {
        assertThat(NoncentralT.noncentralityForPower(0.8, 4, 0.05)).isCloseTo(3.0398, within(1e-4));
        // z_0.95 + z_0.8 = 1.6448536 + 0.8416212 = 2.4864749.
        assertThat(NoncentralT.noncentralityForPower(0.8, 1e6, 0.05)).isCloseTo(2.4864749, within(1e-5));
        // At power alpha the noncentrality is 0: the test's own level.
        assertThat(NoncentralT.noncentralityForPower(0.05, 4, 0.05)).isCloseTo(0, within(1e-7));
    }
}
