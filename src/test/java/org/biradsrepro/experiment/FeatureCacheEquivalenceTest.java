package org.biradsrepro.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.biradsrepro.backbone.BackboneRegistry;
import org.biradsrepro.config.BackboneWeights;
import org.biradsrepro.config.Profile;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.TestEngine;
import org.biradsrepro.testing.TinyDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The frozen-part cache is an optimisation only: training on cached features must give the losses of training
 * end to end through the frozen part, for every backbone, with the head alone training (the cache holds pooled
 * vectors) and with the top stage training (it holds whatever crosses the stage boundary: NASNet passes two
 * feature maps). Batches see the frozen part with different batch compositions, so float sums may differ in the
 * last bits; the tolerance is relative 1e-5.
 *
 * <p>Both passes end in a short batch: {@link #COUNTS} (37 images) makes the feature pass run 32 + 5 images
 * ({@link Experiment#EXTRACT_BATCH}), and the 30 training images in batches of {@link #BATCH} end in 6.
 */
class FeatureCacheEquivalenceTest {

    /** Images per class: 37 in all, 7 held out for testing (20% per class, rounded), 30 to train on. */
    private static final int[] COUNTS = {7, 8, 6, 6, 5, 5};
    private static final int BATCH = 8;
    private static final int EPOCHS = 3;

    @TempDir
    Path tmp;

    static Stream<Arguments> backbonesAndTrainableStages() {
        return ReproConfig.PAPER_BACKBONES.stream().flatMap(id -> Stream.of(Arguments.of(id, 0), Arguments.of(id, 1)));
    }

    @ParameterizedTest(name = "{0}, trainable stages: {1}")
    @MethodSource("backbonesAndTrainableStages")
    void cachedAndUncachedTrainingGiveTheSameLosses(String backbone, int trainableStages) {
        Path data = TinyDatasets.write(tmp.resolve("data"), COUNTS, 11);
        RunResult cached = run(data, backbone, true, trainableStages);
        RunResult uncached = run(data, backbone, false, trainableStages);

        int images = cached.dataset().images();
        int train = cached.dataset().trainSize();
        assertThat(images % Experiment.EXTRACT_BATCH).as("short last batch of the feature pass").isNotZero();
        assertThat(images).as("more than one batch in the feature pass").isGreaterThan(Experiment.EXTRACT_BATCH);
        assertThat(train % BATCH).as("short last training batch").isNotZero();
        assertThat(train).as("more than one training batch").isGreaterThan(BATCH);

        List<RunResult.Epoch> c = cached.history();
        List<RunResult.Epoch> u = uncached.history();
        assertThat(u).hasSameSizeAs(c).hasSize(EPOCHS);
        for (int i = 0; i < c.size(); i++) {
            double loss = c.get(i).trainLoss();
            assertThat(u.get(i).trainLoss()).as("epoch %d", i + 1).isCloseTo(loss, within(1e-5 * Math.abs(loss)));
        }
    }

    @Test
    void theFrozenPartRunsOverTheDatasetOnceForAllSplitsAndBothVariants() {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {4, 6, 4, 4, 3, 3}, 12);
        ReproConfig config = ReproConfig.builder(Profile.FIXTURE).dataset(data).reportDir(tmp.resolve("once"))
                .splits(3).maxEpochs(2).imageSize(32).weights(weights("resnet152"))
                .backbones(List.of("resnet152")).build();
        try (Experiment e = Experiment.open(config, Path.of("."), TestEngine.started())) {
            for (int k = 1; k <= 3; k++) {
                e.run("resnet152", k);
                e.run("resnet152", k);
            }
            assertThat(e.featureExtractions()).isEqualTo(1);
        }
    }

    private RunResult run(Path data, String backbone, boolean cache, int trainableStages) {
        // the smallest input each design takes (fixture InceptionV3: 75), for speed
        int size = Math.max(32, BackboneRegistry.build(backbone, false).minInputSize());
        ReproConfig config = ReproConfig.builder(Profile.FIXTURE).dataset(data).reportDir(tmp.resolve("r" + cache))
                .splits(1).maxEpochs(EPOCHS).batchSize(BATCH).imageSize(size).featureCache(cache)
                .trainableStages(trainableStages).weights(weights(backbone)).backbones(List.of(backbone)).build();
        try (Experiment e = Experiment.open(config, Path.of("."), TestEngine.started())) {
            return e.run(backbone, 1).result();
        }
    }

    /** The shipped fixture weights where this checkout has them (they go through the loader); else seeded random. */
    private static BackboneWeights weights(String backbone) {
        return Files.isRegularFile(Path.of(StartingWeights.FIXTURE_DIR, backbone + ".h5")) ? BackboneWeights.FIXTURE
                : BackboneWeights.RANDOM;
    }
}
