package org.biradsrepro.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.biradsrepro.config.Monitor;
import org.junit.jupiter.api.Test;

/** Keras' EarlyStopping: patience counts epochs since the best value, not since the previous epoch. */
class KerasEarlyStoppingTest {

    /** Feeds losses for epochs 1, 2, ...; returns the epoch it stopped after, or 0. */
    private static int stopEpoch(int patience, double... losses) {
        KerasEarlyStopping s = new KerasEarlyStopping(patience, new EpochLossListener(), Monitor.LOSS);
        for (int e = 1; e <= losses.length; e++) {
            if (s.observe(e, losses[e - 1])) {
                return e;
            }
        }
        return 0;
    }

    @Test
    void stopsFiveEpochsAfterTheBestEvenWhenEachEpochImprovesOnThePreviousOne() {
        // Best 0.9 at epoch 2; epochs 3..7 each beat their predecessor but never the best.
        // DJL's EarlyStoppingListener compares with the previous epoch and would never stop here.
        assertThat(stopEpoch(5, 1.0, 0.9, 0.99, 0.98, 0.97, 0.96, 0.95, 0.94)).isEqualTo(7);
    }

    @Test
    void anImprovementOnTheBestResetsTheCount() {
        assertThat(stopEpoch(2, 1.0, 1.1, 0.5, 0.6, 0.7, 0.8)).isEqualTo(5);
        assertThat(stopEpoch(2, 1.0, 1.1, 1.2)).isEqualTo(3);
    }

    @Test
    void equalValueIsNotAnImprovement() {
        assertThat(stopEpoch(2, 1.0, 1.0, 1.0)).isEqualTo(3);
    }

    @Test
    void nanIsNeverAnImprovementAndCountsTowardsPatience() {
        assertThat(stopEpoch(2, 1.0, Double.NaN, Double.NaN)).isEqualTo(3);
        assertThat(stopEpoch(3, Double.NaN, Double.NaN, 0.5, 0.4)).isZero();
    }

    @Test
    void neverStopsAfterTheFirstEpochAndPatienceZeroStopsAtTheFirstNonImprovement() {
        assertThat(stopEpoch(0, 1.0)).isZero();
        assertThat(stopEpoch(0, 1.0, 0.9, 0.95)).isEqualTo(3);
    }

    @Test
    void aFirstEpochThatIsNoImprovementDoesNotStopEvenWhenPatienceIsSpent() {
        // Only a NaN can fail to improve on the initial +infinity, so only a NaN first loss spends the patience of
        // 0 or 1 at epoch 1. Keras checks only after the first epoch ("and epoch > 0"), and so does the guard.
        assertThat(stopEpoch(1, Double.NaN, 0.5, 0.4)).isZero();
        assertThat(stopEpoch(0, Double.NaN, 0.5)).isZero();
        assertThat(stopEpoch(1, Double.NaN, Double.NaN)).isEqualTo(2);
    }

    @Test
    void monotoneDecreaseNeverStops() {
        assertThat(stopEpoch(1, 5, 4, 3, 2, 1, 0.5, 0.25)).isZero();
    }
}
