package org.biradsrepro.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.biradsrepro.backbone.Backbone;
import org.biradsrepro.backbone.BackboneRegistry;
import org.biradsrepro.backbone.TransferNetwork;
import org.biradsrepro.config.BackboneWeights;
import org.biradsrepro.config.InvalidSettingException;
import org.biradsrepro.config.Profile;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.TestEngine;
import org.biradsrepro.testing.TinyDatasets;
import org.biradsrepro.train.Initialization;
import org.biradsrepro.weights.KerasWeightWriter;
import org.biradsrepro.weights.KerasWeightsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** repro.weights from the configuration to the networks and into the results. */
class StartingWeightsTest {

    @TempDir
    Path tmp;

    private ReproConfig.Builder config(Path data, String reports) {
        return ReproConfig.builder(Profile.FIXTURE).dataset(data).reportDir(tmp.resolve(reports)).splits(1).maxEpochs(3)
                .imageSize(32).seed(7).backbones(List.of("resnet152"));
    }

    /** A Keras-layout file holding a fixture ResNet initialised from {@code seed}. */
    private Path weightFile(long seed) {
        Backbone b = BackboneRegistry.build("resnet152", false);
        TransferNetwork net = TransferNetwork.of(b, 0, 6);
        try (NDManager m = NDManager.newBaseManager()) {
            Initialization.initialize(net.frozen(), m, new ai.djl.ndarray.types.Shape(1, 3, 32, 32), seed);
            Path file = tmp.resolve("resnet-" + seed + ".h5");
            KerasWeightWriter.write(file, b);
            return file;
        }
    }

    @Test
    void anExplicitFileIsLoadedAndItsHashRecorded() throws Exception {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {4, 6, 4, 4, 3, 3}, 3);
        Path file = weightFile(99);
        RunResult fromFile;
        try (Experiment e = Experiment.open(config(data, "file").weights(BackboneWeights.file(file)).build(), Path.of("."), TestEngine.started())) {
            fromFile = e.run("resnet152", 1).result();
        }
        RunResult random;
        try (Experiment e = Experiment.open(config(data, "random").weights(BackboneWeights.RANDOM).build(), Path.of("."), TestEngine.started())) {
            random = e.run("resnet152", 1).result();
        }
        assertThat(fromFile.weights()).containsEntry("source", "file").containsEntry("file", file.getFileName().toString())
                .containsEntry("publishedHashChecked", "false")
                .containsEntry("sha256", org.biradsrepro.data.ContentHashes.contentHash(file));
        assertThat(random.weights()).containsEntry("source", "random").doesNotContainKey("sha256");
        // Other starting weights, other features: the losses differ from the first epoch on.
        assertThat(fromFile.history().get(0).trainLoss()).isNotEqualTo(random.history().get(0).trainLoss());
    }

    @Test
    void theSameFileGivesTheSameResultsAsTheSeedItWasWrittenFrom() throws Exception {
        // The frozen part's seed in a run is Seeds.derive(seed, FROZEN, 0); a file written from that initialisation
        // must reproduce the random run exactly: loading changes nothing it should not.
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {4, 6, 4, 4, 3, 3}, 5);
        Path file = weightFile(Seeds.derive(7, Seeds.FROZEN, 0));
        List<RunResult.Epoch> loaded;
        try (Experiment e = Experiment.open(config(data, "same").weights(BackboneWeights.file(file)).build(), Path.of("."), TestEngine.started())) {
            loaded = e.run("resnet152", 1).result().history();
        }
        List<RunResult.Epoch> seeded;
        try (Experiment e = Experiment.open(config(data, "seeded").weights(BackboneWeights.RANDOM).build(), Path.of("."), TestEngine.started())) {
            seeded = e.run("resnet152", 1).result().history();
        }
        assertThat(loaded).isEqualTo(seeded);
    }

    @Test
    void imagenetWeightsAreRefusedForTheFixtureScaleNetworks() throws Exception {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {3, 3, 3, 3, 3, 3}, 6);
        assertThatThrownBy(() -> Experiment.open(config(data, "r").weights(BackboneWeights.IMAGENET).build(), Path.of("."), TestEngine.started()))
                .isInstanceOf(InvalidSettingException.class).hasMessageContaining("repro.weights")
                .hasMessageContaining("full-size");
    }

    @Test
    void missingFixtureWeightsStopTheRunNamingTheFileAndTheCommand() throws Exception {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {3, 3, 3, 3, 3, 3}, 6);
        Path emptyProject = Files.createDirectories(tmp.resolve("project"));
        assertThatThrownBy(() -> Experiment.open(config(data, "r").weights(BackboneWeights.FIXTURE).build(), emptyProject, TestEngine.started()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("fixtures/backbone-weights/resnet152.h5")
                .hasMessageContaining("pretrain-fixtures");
        assertThat(tmp.resolve("r/results")).doesNotExist();
    }

    @Test
    void missingImagenetFilesNameTheFileTheFoldersAndTheUrl() throws Exception {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {3, 3, 3, 3, 3, 3}, 6);
        Path dir = Files.createDirectories(tmp.resolve("keras-models"));
        ReproConfig paper = ReproConfig.builder(Profile.PAPER).dataset(data).reportDir(tmp.resolve("p")).splits(1)
                .backbones(List.of("nasnetmobile")).weights(BackboneWeights.IMAGENET).weightsDir(dir).build();
        assertThatThrownBy(() -> Experiment.open(paper, Path.of("."), TestEngine.started()))
                .isInstanceOf(KerasWeightsException.class)
                .hasMessageContaining("nasnet_mobile_no_top.h5").hasMessageContaining("NASNet-mobile-no-top.h5")
                .hasMessageContaining(dir.toString()).hasMessageContaining(".keras")
                .hasMessageContaining("https://storage.googleapis.com/tensorflow/keras-applications/nasnet/");
    }
}
