package org.biradsrepro.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.SampleRuns;
import org.junit.jupiter.api.Test;

/**
 * The decomposition on three splits of two runs each, every expected number worked out by hand below from the
 * definitions (accuracy; B = last epoch, I = kept epoch):
 * <pre>
 * split  B1    I1    B2    I2    fired (run 1, run 2)
 *   1   0.50  0.52  0.48  0.49   yes, yes
 *   2   0.55  0.55  0.51  0.54   no,  yes
 *   3   0.60  0.63  0.58  0.58   yes, no
 * </pre>
 * Checkpoint effect per split, mean over runs of I - B: (0.02 + 0.01)/2, (0 + 0.03)/2, (0.03 + 0)/2 = 0.015 each.
 * A/A, B1 - B2: 0.02, 0.04, 0.02, mean 0.02667, sd 0.011547. Cross-run gain I1 - B2: 0.04, 0.04, 0.05, mean 0.04333,
 * = checkpoint part (I1 - B1: 0.02, 0, 0.03, mean 0.01667) + A/A part 0.02667. Run-to-run variance of B: within-split
 * squares 0.0002 + 0.0008 + 0.0002 over 3 x 1 degrees of freedom = 0.0004 (sd 0.02). Split means 0.49, 0.53, 0.59:
 * variance 0.0025333, less 0.0004 / 2 = 0.0023333 (sd 0.048305). Fired 4 of 6, Clopper-Pearson [0.2228, 0.9567].
 */
class DecompositionTest {

    static RunResult split(int k, int best1, double b1, double i1, int best2, double b2, double i2) {
        return SampleRuns.builder("regnet", k).epochs(best1, 8).baseline(m(b1)).improved(m(i1))
                .replicate(m(b2), m(i2), best2, 8).build();
    }

    static RunResult.MetricValues m(double accuracy) {
        return SampleRuns.metrics(accuracy, 0.4, 0.35, 0.37, 0.71, 0.33);
    }

    static List<RunResult> runs() {
        return List.of(split(1, 3, 0.50, 0.52, 3, 0.48, 0.49), split(2, 8, 0.55, 0.55, 3, 0.51, 0.54),
                split(3, 3, 0.60, 0.63, 8, 0.58, 0.58));
    }

    @Test
    void theDecompositionMatchesItsDefinitionsWorkedOutByHand() {
        Decomposition d = Decomposition.of(runs()).stream().filter(x -> x.metric().equals("accuracy")).findFirst()
                .orElseThrow();

        assertThat(d.runs()).isEqualTo(2);
        assertThat(d.splits()).containsExactly(1, 2, 3);
        assertThat(d.checkpointEffect()).isCloseTo(0.015, within(1e-12));
        assertThat(d.checkpointLower95()).isLessThan(0.015);
        assertThat(d.checkpointUpper95()).isGreaterThan(0.015);
        assertThat(d.aaDifferences()).containsExactly(new double[] {0.02, 0.04, 0.02}, within(1e-12));
        assertThat(d.aaSd()).isCloseTo(0.011547, within(1e-6));
        assertThat(d.crossRunGain()).isCloseTo(0.043333, within(1e-6));
        assertThat(d.crossRunCheckpointPart()).isCloseTo(0.016667, within(1e-6));
        assertThat(d.crossRunAaPart()).isCloseTo(0.026667, within(1e-6));
        assertThat(d.crossRunCheckpointPart() + d.crossRunAaPart()).isCloseTo(d.crossRunGain(), within(1e-15));
        assertThat(d.runToRunSd()).isCloseTo(0.02, within(1e-9));
        assertThat(d.splitToSplitSd()).isCloseTo(0.048305, within(1e-6));
        assertThat(d.fired()).isEqualTo(4);
        assertThat(d.trainings()).isEqualTo(6);
        assertThat(d.firingLower95()).isCloseTo(0.2228, within(1e-4));
        assertThat(d.firingUpper95()).isCloseTo(0.9567, within(1e-4));
        assertThat(d.paperGain()).isCloseTo(0.0565, within(1e-12));
        // Two 5-split experiments of Algorithm 1: gap sd sqrt(2 (0.0004 + 0.0023333) / 5) = 0.033066.
        double gapSd = Math.sqrt(2 * (0.0004 + 0.0025333333 - 0.0002) / 5);
        assertThat(d.sameAlgorithmGapP()).isCloseTo(2 * NormalDistribution.of(0, 1).survivalProbability(0.0565 / gapSd),
                within(1e-6));
        assertThat(d.shareExplained()).isCloseTo(0.015 / 0.0565, within(1e-12));
        assertThat(d.perSplit().get(1).fired()).containsExactly(false, true);
    }

    @Test
    void withoutReplicatesThereIsNothingToDecompose() {
        List<RunResult> single = new ArrayList<>();
        for (int k = 1; k <= 3; k++) {
            single.add(SampleRuns.run("regnet", k, 3, 8));
        }
        assertThat(Decomposition.of(single)).isEmpty();
        assertThat(Decomposition.of(runs())).hasSize(ClaimedMetric.values().length);
    }
}
