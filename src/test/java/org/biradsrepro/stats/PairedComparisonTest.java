package org.biradsrepro.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PairedComparisonTest {

    @Test
    void countsBetterEqualWorseAndUndefinedPairs() {
        double[] baseline = {0.50, 0.60, 0.70, Double.NaN, 0.80, 0.40};
        double[] improved = {0.60, 0.60, 0.65, 0.90, Double.NaN, 0.55};

        PairedComparison c = PairedComparison.of(baseline, improved);

        assertThat(c.better()).isEqualTo(2);
        assertThat(c.equal()).isEqualTo(1);
        assertThat(c.worse()).isEqualTo(1);
        assertThat(c.undefined()).isEqualTo(2);
    }

    @Test
    void differenceIsImprovedMinusBaselineOverDefinedPairs() {
        // Differences +0.10, 0, -0.05, +0.15 (the NaN pair is left out): mean 0.2 / 4 = 0.05;
        // deviations 0.05, -0.05, -0.10, 0.10 -> squares 0.025, / 3.
        PairedComparison c = PairedComparison.of(
                new double[] {0.50, 0.60, 0.70, 0.40, Double.NaN},
                new double[] {0.60, 0.60, 0.65, 0.55, 0.90});

        assertThat(c.difference().n()).isEqualTo(4);
        assertThat(c.difference().undefined()).isEqualTo(1);
        assertThat(c.difference().mean()).isCloseTo(0.05, within(1e-12));
        assertThat(c.difference().sd()).isCloseTo(Math.sqrt(0.025 / 3), within(1e-12));
        assertThat(c.difference().min()).isCloseTo(-0.05, within(1e-12));
        assertThat(c.difference().max()).isCloseTo(0.15, within(1e-12));
    }

    @Test
    void identicalWeightsTieEverywhere() {
        double[] same = {0.7, 0.8, 0.9};

        PairedComparison c = PairedComparison.of(same, same.clone());

        assertThat(c.better()).isZero();
        assertThat(c.worse()).isZero();
        assertThat(c.equal()).isEqualTo(3);
        assertThat(c.difference().mean()).isZero();
    }

    @Test
    void unequalLengthsAreRejected() {
        assertThatThrownBy(() -> PairedComparison.of(new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 vs 3");
    }
}
