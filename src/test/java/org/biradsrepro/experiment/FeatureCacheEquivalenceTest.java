package org.biradsrepro.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.biradsrepro.config.Profile;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.TinyDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The frozen-part cache is an optimisation only: training on cached features must give the losses of training
 * end to end through the frozen part. Batches see the frozen part with different batch compositions, so float
 * sums may differ in the last bits; the tolerance is relative 1e-5. NASNet's frozen part ends in two feature maps
 * when a stage trains, so its cached rows hold both.
 */
class FeatureCacheEquivalenceTest {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}, trainable stages: {1}")
    @CsvSource({"resnet152, 0", "resnet152, 1", "nasnetmobile, 0", "nasnetmobile, 1"})
    void cachedAndUncachedTrainingGiveTheSameLosses(String backbone, int trainableStages) {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {4, 6, 4, 4, 3, 3}, 11);
        List<RunResult.Epoch> cached = history(data, backbone, true, trainableStages);
        List<RunResult.Epoch> uncached = history(data, backbone, false, trainableStages);
        assertThat(uncached).hasSameSizeAs(cached);
        for (int i = 0; i < cached.size(); i++) {
            double c = cached.get(i).trainLoss();
            assertThat(uncached.get(i).trainLoss()).as("epoch %d", i + 1).isCloseTo(c, within(1e-5 * Math.abs(c)));
        }
    }

    @Test
    void theFrozenPartRunsOverTheDatasetOnceForAllSplitsAndBothVariants() {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {4, 6, 4, 4, 3, 3}, 12);
        ReproConfig config = ReproConfig.builder(Profile.FIXTURE).dataset(data).reportDir(tmp.resolve("once"))
                .splits(3).maxEpochs(2).imageSize(32).backbones(List.of("resnet152")).build();
        try (Experiment e = Experiment.open(config, Path.of("."))) {
            for (int k = 1; k <= 3; k++) {
                e.run("resnet152", k);
                e.run("resnet152", k);
            }
            assertThat(e.featureExtractions()).isEqualTo(1);
        }
    }

    private List<RunResult.Epoch> history(Path data, String backbone, boolean cache, int trainableStages) {
        ReproConfig config = ReproConfig.builder(Profile.FIXTURE).dataset(data).reportDir(tmp.resolve("r" + cache))
                .splits(1).maxEpochs(5).imageSize(32).featureCache(cache).trainableStages(trainableStages)
                .backbones(List.of(backbone)).build();
        try (Experiment e = Experiment.open(config, Path.of("."))) {
            return e.run(backbone, 1).result().history();
        }
    }
}
