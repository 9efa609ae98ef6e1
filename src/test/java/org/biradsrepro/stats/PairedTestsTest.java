package org.biradsrepro.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Edge cases the scipy fixture does not cover: degenerate data and the standard-deviation floor. */
class PairedTestsTest {

    @Test
    void allZeroDifferencesLeaveTheTStatisticUndefined() {
        double[] zeros = {0, 0, 0, 0, 0};
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
        assertThat(NadeauBengio.test(new double[] {0.1}, 0.25).pGreater()).isNaN();
    }

    @Test
    void undefinedDifferencesAreRejectedNotSilentlyUsed() {
        double[] withNaN = {0.1, Double.NaN, 0.2};
        assertThatThrownBy(() -> NadeauBengio.test(withNaN, 0.25)).hasMessageContaining("1 NaN");
        assertThatThrownBy(() -> NadeauBengio.test(new double[] {0.1, 0.2}, -1)).hasMessageContaining("-1");
    }
}
