package org.biradsrepro.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import java.util.SplittableRandom;
import org.biradsrepro.config.Monitor;
import org.junit.jupiter.api.Test;

class PairedTrainingTest {

    private static Samples samples(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] rows = new float[n][5];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
            for (int j = 0; j < 5; j++) {
                rows[i][j] = (float) (rng.nextGaussian() + (j == labels[i] ? 2 : 0));
            }
        }
        return new Samples(rows, new Shape(5), labels);
    }

    private static Block head(NDManager m) {
        Block b = Linear.builder().setUnits(3).build();
        Initialization.initialize(b, m, new Shape(1, 5), 9);
        return b;
    }

    /** Cross-entropy of each sample under the current logits, averaged over samples, in double. */
    private static double meanLoss(Block block, Samples s, NDManager m) {
        float[] logits = block.forward(new ai.djl.training.ParameterStore(m, false),
                new ai.djl.ndarray.NDList(s.batch(m, 0, s.size())), false).singletonOrThrow().toFloatArray();
        double total = 0;
        for (int i = 0; i < s.size(); i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < 3; c++) {
                max = Math.max(max, logits[i * 3 + c]);
            }
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += Math.exp(logits[i * 3 + c] - max);
            }
            total += -(logits[i * 3 + s.labels()[i]] - max - Math.log(sum));
        }
        return total / s.size();
    }

    @Test
    void epochLossIsTheSampleWeightedMeanSoAShortLastBatchCountsByItsSize() {
        // 40 samples in batches of 32: the last batch has 8. With a learning rate too small to move any float
        // weight, the epoch loss must equal the full-data mean loss; an unweighted mean of the two batch means
        // would give the 8-sample batch the weight of 32 samples.
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = head(m);
            Samples train = samples(40, 1);
            double expected = meanLoss(block, train, m);
            PairedTraining.Outcome o = PairedTraining.run(block, block.getParameters().values(), train, null, samples(6, 2),
                    new Protocol(1, 32, 1e-30f, 5, true, Monitor.LOSS), 3, m);
            assertThat(o.history()).hasSize(1);
            assertThat(o.history().get(0).trainLoss()).isCloseTo(expected, within(1e-6));
            assertThat(o.trainedImages()).isEqualTo(40);
        }
    }

    @Test
    void bothVariantsComeFromOneRunAndTheKeptWeightsHaveTheLowestLoss() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = head(m);
            PairedTraining.Outcome o = PairedTraining.run(block, block.getParameters().values(), samples(64, 4), null,
                    samples(12, 5), new Protocol(30, 32, 0.05f, 3, true, Monitor.LOSS), 6, m);
            double min = o.history().stream().mapToDouble(EpochRecord::trainLoss).min().orElseThrow();
            assertThat(o.bestLoss()).isEqualTo(min);
            assertThat(o.history().get(o.bestEpoch() - 1).trainLoss()).isEqualTo(min);
            assertThat(o.lastLoss()).isEqualTo(o.history().get(o.history().size() - 1).trainLoss());
            assertThat(o.baseline()).hasNumberOfRows(12);
            assertThat(o.improved()).hasNumberOfRows(12);
            assertThat(o.probeAfterRestore()).isEqualTo(o.probeAtBest());
        }
    }

    /**
     * The spike on a head that has nearly converged (lr 0.05, 17 epochs: the loss from 2.01 to 0.48): steps 100
     * times larger overshoot. On a head far from converged a spike can speed training up instead (at lr 0.01 the
     * same data's loss was still 1.36 at epoch 17 and fell to 0.41 in the spiked epochs), which is why the
     * controls check the kept epoch of every run.
     */
    @Test
    void aLearningRateSpikeRaisesTheLossOfTheSpikedEpochsAndTheKeptEpochComesBeforeThem() {
        Perturbation.NoisyFinalEpochs spike = new Perturbation.NoisyFinalEpochs(3, 100f, false);
        Protocol plain = new Protocol(20, 32, 0.05f, 5, false, Monitor.LOSS);
        int first = spike.firstEpoch(20);
        try (NDManager m = NDManager.newBaseManager()) {
            Block a = head(m);
            PairedTraining.Outcome unperturbed = PairedTraining.run(a, a.getParameters().values(), samples(64, 4), null,
                    samples(12, 5), plain, 6, m);
            Block b = head(m);
            PairedTraining.Outcome spiked = PairedTraining.run(b, b.getParameters().values(), samples(64, 4), null,
                    samples(12, 5), plain.with(spike), 6, m);

            assertThat(first).isEqualTo(18);
            // Before the spike the perturbed run is the plain one, bit for bit: the same seeds, the same steps.
            assertThat(spiked.history().subList(0, first - 1)).isEqualTo(unperturbed.history().subList(0, first - 1));
            double beforeSpike = spiked.history().subList(0, first - 1).stream().mapToDouble(EpochRecord::trainLoss)
                    .min().orElseThrow();
            assertThat(spiked.history().subList(first - 1, 20)).hasSize(3)
                    .allSatisfy(e -> assertThat(e.trainLoss()).as("epoch %d", e.epoch()).isGreaterThan(beforeSpike));
            assertThat(spiked.bestEpoch()).isLessThan(first);
            assertThat(spiked.bestLoss()).isEqualTo(beforeSpike);
            assertThat(spiked.lastEpoch()).isEqualTo(20);
            assertThat(spiked.stoppedEarly()).isFalse();
            assertThat(spiked.improved()).isNotEqualTo(spiked.baseline());
            // Without the spike the last epochs keep falling, and the kept epoch is not before epoch 18.
            assertThat(unperturbed.bestEpoch()).isGreaterThanOrEqualTo(first);
        }
    }

    /**
     * The positive control's perturbation: the final epochs on shuffled labels at a hundred times the rate. Their
     * loss is measured against labels the head never learned, so it stays above the minimum reached before them
     * whatever the steps do, and the kept epoch comes before them.
     */
    @Test
    void shuffledLabelsInTheFinalEpochsKeepTheirLossAboveThePreviousMinimum() {
        Perturbation.NoisyFinalEpochs noise = new Perturbation.NoisyFinalEpochs(3, 100f, true);
        Protocol plain = new Protocol(20, 32, 0.05f, 5, false, Monitor.LOSS);
        try (NDManager m = NDManager.newBaseManager()) {
            Block a = head(m);
            PairedTraining.Outcome unperturbed = PairedTraining.run(a, a.getParameters().values(), samples(64, 4), null,
                    samples(12, 5), plain, 6, m);
            Block b = head(m);
            PairedTraining.Outcome noisy = PairedTraining.run(b, b.getParameters().values(), samples(64, 4), null,
                    samples(12, 5), plain.with(noise), 6, m);

            assertThat(noisy.history().subList(0, 17)).isEqualTo(unperturbed.history().subList(0, 17));
            double before = noisy.history().subList(0, 17).stream().mapToDouble(EpochRecord::trainLoss).min().orElseThrow();
            assertThat(noisy.history().subList(17, 20))
                    .allSatisfy(e -> assertThat(e.trainLoss()).as("epoch %d", e.epoch()).isGreaterThan(before));
            assertThat(noisy.bestEpoch()).isLessThan(18);
            assertThat(noisy.improved()).isNotEqualTo(noisy.baseline());
            assertThat(noise.shufflesLabels(17, 20)).isFalse();
            assertThat(noise.shufflesLabels(18, 20)).isTrue();
            assertThat(Perturbation.NONE.shufflesLabels(20, 20)).isFalse();
        }
    }

    @Test
    void theLabelPermutationKeepsTheClassCountsAndIsSeeded() {
        int[] labels = {0, 0, 1, 1, 1, 2, 3, 3, 4, 5, 5, 5, 5, 1, 2, 0};
        int[] once = PairedTraining.permuted(labels, 42);
        assertThat(PairedTraining.permuted(labels, 42)).isEqualTo(once);
        assertThat(PairedTraining.permuted(labels, 43)).isNotEqualTo(once);
        assertThat(once).isNotEqualTo(labels);
        assertThat(java.util.Arrays.stream(once).sorted().toArray()).isEqualTo(java.util.Arrays.stream(labels).sorted().toArray());
    }

    @Test
    void withoutAPerturbationARunIsTheSameBitForBit() {
        Protocol unperturbed = new Protocol(12, 32, 0.05f, 3, true, Monitor.LOSS);
        assertThat(unperturbed.perturbation()).isSameAs(Perturbation.NONE);
        assertThat(Perturbation.NONE.learningRateFactor(12, 12)).isEqualTo(1f);
        try (NDManager m = NDManager.newBaseManager()) {
            Block a = head(m);
            PairedTraining.Outcome plain = PairedTraining.run(a, a.getParameters().values(), samples(64, 4), null,
                    samples(12, 5), unperturbed, 6, m);
            Block b = head(m);
            PairedTraining.Outcome none = PairedTraining.run(b, b.getParameters().values(), samples(64, 4), null,
                    samples(12, 5), new Protocol(12, 32, 0.05f, 3, true, Monitor.LOSS, Perturbation.NONE), 6, m);
            assertThat(none.history()).isEqualTo(plain.history());
            assertThat(none.baseline()).isDeepEqualTo(plain.baseline());
            assertThat(none.improved()).isDeepEqualTo(plain.improved());
            assertThat(none.bestEpoch()).isEqualTo(plain.bestEpoch());
        }
    }

    @Test
    void aSpikeIsRefusedWhereItCouldNotApply() {
        Perturbation.NoisyFinalEpochs spike = new Perturbation.NoisyFinalEpochs(3, 100f, false);
        assertThatThrownBy(() -> new Protocol(20, 32, 0.01f, 5, true, Monitor.LOSS).with(spike))
                .hasMessageContaining("needs early stopping off").hasMessageContaining("before epoch 18");
        assertThatThrownBy(() -> new Protocol(3, 32, 0.01f, 5, false, Monitor.LOSS).with(spike))
                .hasMessageContaining("epoch budget above 3").hasMessageContaining("got 3");
        assertThatThrownBy(() -> new Perturbation.NoisyFinalEpochs(0, 100f, false)).hasMessageContaining("got 0");
        assertThatThrownBy(() -> new Perturbation.NoisyFinalEpochs(3, 1f, false)).hasMessageContaining("got 1.0");
        assertThat(new Perturbation.NoisyFinalEpochs(3, 1f, true).describe(10)).isEqualTo("training labels shuffled in epochs 8-10 of 10");
        assertThatThrownBy(() -> new Perturbation.NoisyFinalEpochs(3, Float.NaN, true)).hasMessageContaining("got NaN");
        assertThat(spike.describe(200)).isEqualTo("Adamax learning rate x100 in epochs 198-200 of 200");
        assertThat(new Perturbation.NoisyFinalEpochs(1, 0.5f, false).describe(10))
                .isEqualTo("Adamax learning rate x0.5 in epoch 10 of 10");
        assertThat(spike.learningRateFactor(197, 200)).isEqualTo(1f);
        assertThat(spike.learningRateFactor(198, 200)).isEqualTo(100f);
    }

    @Test
    void validationLossIsRecordedAndCanBeMonitored() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = head(m);
            PairedTraining.Outcome o = PairedTraining.run(block, block.getParameters().values(), samples(48, 7),
                    samples(9, 8), samples(9, 9), new Protocol(4, 32, 0.01f, 5, false, Monitor.VAL_LOSS), 1, m);
            assertThat(o.history()).hasSize(4).allSatisfy(e -> assertThat(e.hasValidationLoss()).isTrue());
            double min = o.history().stream().mapToDouble(EpochRecord::validationLoss).min().orElseThrow();
            assertThat(o.bestLoss()).isEqualTo(min);
        }
    }

    @Test
    void monitoringValidationLossWithoutValidationSamplesIsRefused() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = head(m);
            assertThatThrownBy(() -> PairedTraining.run(block, block.getParameters().values(), samples(8, 1), null,
                    samples(3, 2), new Protocol(1, 32, 0.01f, 5, true, Monitor.VAL_LOSS), 1, m))
                    .hasMessageContaining("val_loss needs validation samples");
        }
    }

    @Test
    void aDivergingRunStopsWithTheEpochAndTheValue() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = head(m);
            // A learning rate of 1e38 sends the weights to +-infinity within a step; the logits become NaN.
            assertThatThrownBy(() -> PairedTraining.run(block, block.getParameters().values(), samples(64, 3), null,
                    samples(6, 4), new Protocol(5, 32, 1e38f, 5, true, Monitor.LOSS), 1, m))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("at epoch").hasMessageContaining("repro.learningRate");
        }
    }
}
