package org.biradsrepro.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.biradsrepro.config.BackboneWeights;
import org.biradsrepro.config.Profile;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.TestEngine;
import org.biradsrepro.testing.TinyDatasets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The frozen part's features kept on disk ({@code repro.featureCacheDir}): a new session with the same settings
 * does no forward pass and trains to the same numbers; a setting, image or weight that changes the features misses;
 * a damaged entry is reported and computed again. 37 images: a pass of two batches (32 + 5).
 */
class FeatureCacheOnDiskTest {

    private static final int[] COUNTS = {7, 8, 6, 6, 5, 5};

    @TempDir
    Path tmp;

    private Path data;

    @BeforeEach
    void writeData() {
        data = TinyDatasets.write(tmp.resolve("data"), COUNTS, 21);
    }

    private int sessions;

    /** Each session its own results folder: a shared one would reuse the finished run and test nothing here. */
    private ReproConfig config() {
        return ReproConfig.builder(Profile.FIXTURE).dataset(data).reportDir(tmp.resolve("reports" + sessions++)).splits(1)
                .maxEpochs(2).imageSize(32).weights(BackboneWeights.FIXTURE).backbones(List.of("resnet152"))
                .featureCacheDir(tmp.resolve("features")).build();
    }

    /** One session's run: its training history, and how many batches it computed and read. */
    private record Session(List<RunResult.Epoch> history, int computed, int fromDisk, int damaged) {}

    private static Session session(ReproConfig config) {
        try (Experiment e = Experiment.open(config, Path.of("."), TestEngine.started())) {
            String backbone = config.backbones().get(0);
            List<RunResult.Epoch> history = e.run(backbone, 1).result().history();
            return new Session(history, e.featureBatchesComputed(), e.featureBatchesFromDisk(), e.damagedFeatureEntries());
        }
    }

    @Test
    void aNewSessionWithTheSameSettingsDoesNoForwardPassAndTrainsToTheSameNumbers() {
        Session first = session(config());
        Session second = session(config());

        assertThat(first.computed()).isEqualTo(2);
        assertThat(first.fromDisk()).isZero();
        assertThat(second.computed()).as("forward batches after a restart").isZero();
        assertThat(second.fromDisk()).isEqualTo(2);
        assertThat(second.history()).isEqualTo(first.history());
    }

    @Test
    void withoutTheFeatureCacheNothingIsWrittenToItsFolder() {
        session(config().toBuilder().featureCache(false).build());
        assertThat(tmp.resolve("features")).doesNotExist();
    }

    /** What a first session ran, and what a second one changes. */
    static Stream<Arguments> changes() {
        UnaryOperator<ReproConfig.Builder> same = b -> b;
        UnaryOperator<ReproConfig.Builder> mobileLarge = b -> b.backbones(List.of("mobilenetv3")).weights(BackboneWeights.RANDOM);
        return Stream.of(
                Arguments.of("seed (the frozen part's initialisation)", same, (UnaryOperator<ReproConfig.Builder>) b -> b.seed(43)),
                Arguments.of("weights", same, (UnaryOperator<ReproConfig.Builder>) b -> b.weights(BackboneWeights.RANDOM)),
                Arguments.of("image size", same, (UnaryOperator<ReproConfig.Builder>) b -> b.imageSize(33)),
                Arguments.of("trainable stages (the cut)", same, (UnaryOperator<ReproConfig.Builder>) b -> b.trainableStages(1)),
                Arguments.of("backbone", same, (UnaryOperator<ReproConfig.Builder>) b -> b.backbones(List.of("mobilenetv3"))),
                Arguments.of("variant", mobileLarge,
                        (UnaryOperator<ReproConfig.Builder>) b -> mobileLarge.apply(b).mobilenetv3Variant("small")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void aChangedSettingMissesAndTheFormerEntriesStay(String what, UnaryOperator<ReproConfig.Builder> first,
                                                       UnaryOperator<ReproConfig.Builder> second) throws IOException {
        session(first.apply(config().toBuilder()).build());
        long entriesBefore = entries();
        Session other = session(second.apply(config().toBuilder()).build());

        assertThat(entriesBefore).isEqualTo(2);
        assertThat(other.fromDisk()).as(what).isZero();
        assertThat(other.computed()).as(what).isEqualTo(2);
        assertThat(entries()).as("both kept").isEqualTo(entriesBefore + 2);
    }

    @Test
    void aChangedImageRecomputesOnlyItsBatch() throws IOException {
        session(config());
        // the last image in id order lies in the second batch (32 + 5)
        Path last = data.resolve("BI-RADS 5/img-004.png");
        Files.copy(data.resolve("BI-RADS 5/img-000.png"), last, StandardCopyOption.REPLACE_EXISTING);
        Session after = session(config());

        assertThat(after.fromDisk()).as("the first batch").isEqualTo(1);
        assertThat(after.computed()).as("the batch with the changed image").isEqualTo(1);
    }

    @Test
    void aDamagedEntryIsReportedAndComputedAgain() throws IOException {
        Session first = session(config());
        Path entry;
        try (Stream<Path> s = Files.list(tmp.resolve("features"))) {
            entry = s.sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 9] ^= 0x01; // the last feature value's lowest bit (big-endian, before the CRC)
        Files.write(entry, bytes);

        Session second = session(config());
        Session third = session(config());

        assertThat(second.damaged()).isEqualTo(1);
        assertThat(second.computed()).isEqualTo(1);
        assertThat(second.fromDisk()).isEqualTo(1);
        assertThat(second.history()).isEqualTo(first.history());
        assertThat(third.damaged()).as("rewritten intact").isZero();
        assertThat(third.fromDisk()).isEqualTo(2);
    }

    private long entries() throws IOException {
        try (Stream<Path> s = Files.list(tmp.resolve("features"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".features")).count();
        }
    }
}
