package org.biradsrepro.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void meanAndSampleStandardDeviationUseNMinusOne() {
        // mean 40 / 8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sample variance 32 / 7.
        Summary s = Summary.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});

        assertThat(s.n()).isEqualTo(8);
        assertThat(s.undefined()).isZero();
        assertThat(s.mean()).isEqualTo(5.0);
        assertThat(s.sd()).isCloseTo(Math.sqrt(32.0 / 7.0), within(1e-12)).isCloseTo(2.1380899353, within(1e-9));
        assertThat(s.min()).isEqualTo(2.0);
        assertThat(s.max()).isEqualTo(9.0);
    }

    @Test
    void fiveSplitAccuraciesAsInTable2() {
        // sum 3.75 -> mean 0.75; deviations -0.05, 0.05, -0.02, 0.02, 0 -> squares sum 0.0058; / 4 = 0.00145.
        Summary s = Summary.of(new double[] {0.70, 0.80, 0.73, 0.77, 0.75});

        assertThat(s.mean()).isCloseTo(0.75, within(1e-12));
        assertThat(s.sd()).isCloseTo(Math.sqrt(0.00145), within(1e-12));
        assertThat(s.min()).isEqualTo(0.70);
        assertThat(s.max()).isEqualTo(0.80);
    }

    @Test
    void undefinedValuesAreCountedAndLeftOut() {
        // Defined: 1 and 3 -> mean 2, sd sqrt(((1-2)^2 + (3-2)^2) / 1) = sqrt(2).
        Summary s = Summary.of(new double[] {1, Double.NaN, 3, Double.NaN});

        assertThat(s.n()).isEqualTo(2);
        assertThat(s.undefined()).isEqualTo(2);
        assertThat(s.mean()).isEqualTo(2.0);
        assertThat(s.sd()).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(s.min()).isEqualTo(1.0);
        assertThat(s.max()).isEqualTo(3.0);
    }

    @Test
    void singleValueHasAMeanButNoStandardDeviation() {
        Summary s = Summary.of(new double[] {0.5, Double.NaN});

        assertThat(s.n()).isEqualTo(1);
        assertThat(s.mean()).isEqualTo(0.5);
        assertThat(s.sd()).isNaN();
        assertThat(s.min()).isEqualTo(0.5);
        assertThat(s.max()).isEqualTo(0.5);
    }

    @Test
    void noDefinedValueGivesAnUndefinedSummary() {
        Summary s = Summary.of(new double[] {Double.NaN, Double.NaN});

        assertThat(s.n()).isZero();
        assertThat(s.undefined()).isEqualTo(2);
        assertThat(s.mean()).isNaN();
        assertThat(s.sd()).isNaN();
        assertThat(s.min()).isNaN();
        assertThat(s.max()).isNaN();
    }

    @Test
    void emptyInputGivesAnUndefinedSummary() {
        Summary s = Summary.of(new double[0]);

        assertThat(s.n()).isZero();
        assertThat(s.undefined()).isZero();
        assertThat(s.mean()).isNaN();
    }

    @Test
    void identicalValuesHaveZeroSpread() {
        Summary s = Summary.of(new double[] {0.25, 0.25, 0.25});

        assertThat(s.mean()).isEqualTo(0.25);
        assertThat(s.sd()).isZero();
    }
}
