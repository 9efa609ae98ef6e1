package org.biradsrepro.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.biradsrepro.stats.NoncentralT;
import org.junit.jupiter.api.Test;

/**
 * The power of the rule. The audit's figures for the corrected t-test alone (k = 5, n_test/n_train = 74/286: a
 * minimum detectable effect of 2.06 sds, floor 1.27) are the lower bound the rule's own must respect: it also demands
 * the exact test, so it can only need more.
 */
class DetectableEffectTest {

    static final double FIXTURE = 74.0 / 286;

    @Test
    void theRulesMdeIsAtLeastTheCorrectedTTestsAndTheAuditsFiguresHoldForThatTest() {
        double tOnly = NoncentralT.noncentralityForPower(0.8, 4, 0.05) * Math.sqrt(0.2 + FIXTURE);
        assertThat(tOnly).isCloseTo(2.06, within(0.01));
        assertThat(DetectableEffect.standardizedMde(5, FIXTURE)).isGreaterThanOrEqualTo(tOnly).isLessThan(3.0);
        assertThat(DetectableEffect.limit(FIXTURE)).isCloseTo(1.27, within(0.01));
    }

    @Test
    void powerAtTheMdeIsEightyPercentAndRisesWithTheEffect() {
        double mde = DetectableEffect.standardizedMde(5, FIXTURE);
        assertThat(DetectableEffect.power(mde, 5, FIXTURE)).isCloseTo(0.8, within(0.001));
        assertThat(DetectableEffect.power(0, 5, FIXTURE)).isLessThan(0.05);
        double last = 0;
        for (double delta = 0; delta <= 6; delta += 0.25) {
            double power = DetectableEffect.power(delta, 5, FIXTURE);
            assertThat(power).isGreaterThanOrEqualTo(last);
            last = power;
        }
        assertThat(last).isGreaterThan(0.99);
    }

    @Test
    void fewerThanFiveSplitsCanNeverBeReproduced() {
        assertThat(DetectableEffect.standardizedMde(4, FIXTURE)).isInfinite();
        assertThat(DetectableEffect.power(100, 4, FIXTURE)).isZero();
        assertThat(DetectableEffect.splitsFor(2.5, 4, FIXTURE)).hasValue(5);
    }

    @Test
    void beyondTheSimulatedRangeTheTTestBindsSoTheSwitchIsSeamless() {
        int k = DetectableEffect.SIMULATED_SPLITS;
        double simulated = DetectableEffect.standardizedMde(k, FIXTURE);
        double tOnly = NoncentralT.noncentralityForPower(0.8, k - 1, 0.05) * Math.sqrt(1.0 / k + FIXTURE);
        assertThat(simulated).isCloseTo(tOnly, within(0.02 * tOnly));
        assertThat(DetectableEffect.standardizedMde(k + 1, FIXTURE)).isLessThan(simulated);
    }

    @Test
    void moreSplitsHelpOnlyDownToTheFloor() {
        assertThat(DetectableEffect.splitsFor(DetectableEffect.standardizedMde(5, FIXTURE) + 1e-9, 5, FIXTURE)).hasValue(5);
        int needed = DetectableEffect.splitsFor(1.5, 5, FIXTURE).orElseThrow();
        assertThat(needed).isGreaterThan(10);
        assertThat(DetectableEffect.standardizedMde(needed, FIXTURE)).isLessThanOrEqualTo(1.5);
        assertThat(DetectableEffect.standardizedMde(needed - 1, FIXTURE)).isGreaterThan(1.5);
        assertThat(DetectableEffect.splitsFor(1.2, 5, FIXTURE)).as("below the floor of 1.27").isEmpty();
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> DetectableEffect.power(1, 1, FIXTURE)).hasMessageContaining("got 1");
        assertThatThrownBy(() -> DetectableEffect.standardizedMde(5, -0.1)).hasMessageContaining("-0.1");
    }
}
