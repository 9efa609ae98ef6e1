package org.biradsrepro.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Edge cases the scipy fixture does not cover: degenerate data, determinism, the Wilcoxon floor. */
class PairedTestsTest {

    @Test
    void theExactWilcoxonFloorWithFiveSplitsIsOneIn32OneSidedAndTwoIn32TwoSided() {
        assertThat(WilcoxonSignedRank.smallestOneSidedP(5)).isEqualTo(1.0 / 32);
        assertThat(WilcoxonSignedRank.smallestTwoSidedP(5)).isEqualTo(2.0 / 32).isGreaterThan(0.05);
        assertThat(WilcoxonSignedRank.smallestOneSidedP(4)).isGreaterThan(0.05);
        assertThat(WilcoxonSignedRank.smallestTwoSidedP(1)).isEqualTo(1.0);
        // The floor is what the library's exact test gives when every split improves.
        assertThat(WilcoxonSignedRank.greater(new double[] {0.1, 0.2, 0.3, 0.4, 0.5}).pGreater())
                .isEqualTo(WilcoxonSignedRank.smallestOneSidedP(5));
    }

    @Test
    void allZeroDifferencesLeaveTheWilcoxonPUndefinedAndTheTStatisticUndefined() {
        double[] zeros = {0, 0, 0, 0, 0};
        assertThat(WilcoxonSignedRank.greater(zeros).pGreater()).isNaN();
        assertThat(WilcoxonSignedRank.greater(zeros).zeros()).isEqualTo(5);
        NadeauBengio.Result nb = NadeauBengio.test(zeros, 0.25);
        assertThat(nb.t()).isNaN();
        assertThat(nb.pGreater()).isNaN();
    }

    @Test
    void equalNonzeroDifferencesAreNoVariationNeverPZeroAndAFloorMakesThemFinite() {
        NadeauBengio.Result up = NadeauBengio.test(new double[] {0.02, 0.02, 0.02}, 0.25);
        assertThat(up.t()).isNaN();
        assertThat(up.pGreater()).isNaN();
        assertThat(up.interval95().isDefined()).isFalse();
        NadeauBengio.Result floored = NadeauBengio.test(new double[] {0.02, 0.02, 0.02}, 0.25, 0.02);
        // t = 0.02 / (0.02 sqrt(1/3 + 1/4)) = 1.309, 2 degrees of freedom.
        assertThat(floored.t()).isCloseTo(1 / Math.sqrt(1.0 / 3 + 0.25), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(floored.pGreater()).isBetween(0.1, 0.5);
        assertThat(floored.interval95().low()).isLessThan(0.02);
        assertThatThrownBy(() -> NadeauBengio.test(new double[] {0.1, 0.2}, 0.25, -1)).hasMessageContaining("-1");
    }

    @Test
    void theCorrectionWidensThePlainInterval() {
        double[] d = {0.031, 0.012, 0.047, 0.021, -0.004};
        Interval plain = StudentT.meanInterval(d, 0.95);
        Interval corrected = NadeauBengio.test(d, 0.25).interval95();
        assertThat(corrected.low()).isLessThan(plain.low());
        assertThat(corrected.high()).isGreaterThan(plain.high());
    }

    @Test
    void fewerThanTwoValuesHaveNoInterval() {
        assertThat(StudentT.meanInterval(new double[] {0.1}, 0.95).isDefined()).isFalse();
        assertThat(Bootstrap.percentileInterval(new double[] {0.1}, 0.95, 100, 1).isDefined()).isFalse();
        assertThat(NadeauBengio.test(new double[] {0.1}, 0.25).pGreater()).isNaN();
    }

    @Test
    void theBootstrapIsDeterministicPerSeedAndStaysWithinTheData() {
        double[] d = {0.031, 0.012, 0.047, 0.021, -0.004};
        Interval a = Bootstrap.percentileInterval(d, 0.95, Bootstrap.RESAMPLES, 7);
        assertThat(Bootstrap.percentileInterval(d, 0.95, Bootstrap.RESAMPLES, 7)).isEqualTo(a);
        assertThat(Bootstrap.percentileInterval(d, 0.95, Bootstrap.RESAMPLES, 8)).isNotEqualTo(a);
        assertThat(a.low()).isGreaterThanOrEqualTo(-0.004).isLessThan(a.high());
        assertThat(a.high()).isLessThanOrEqualTo(0.047);
    }

    @Test
    void undefinedDifferencesAreRejectedNotSilentlyUsed() {
        double[] withNaN = {0.1, Double.NaN, 0.2};
        assertThatThrownBy(() -> NadeauBengio.test(withNaN, 0.25)).hasMessageContaining("1 NaN");
        assertThatThrownBy(() -> WilcoxonSignedRank.greater(withNaN)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> Bootstrap.percentileInterval(withNaN, 0.95, 10, 1)).hasMessageContaining("NaN");
        assertThatThrownBy(() -> NadeauBengio.test(new double[] {0.1, 0.2}, -1)).hasMessageContaining("-1");
    }
}
