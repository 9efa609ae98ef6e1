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
