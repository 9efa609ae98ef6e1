package org.biradsrepro.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.biradsrepro.config.BackboneWeights;
import org.biradsrepro.config.IncompatibleResultsPolicy;
import org.biradsrepro.config.Profile;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.progress.Progress;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunOrigin;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.TestEngine;
import org.biradsrepro.testing.TinyDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session that finds finished runs in its results folder: reused, refused, or started over. */
class ExperimentResumeTest {

    @TempDir
    Path tmp;

    private ReproConfig.Builder config(Path data) {
        return ReproConfig.builder(Profile.FIXTURE).dataset(data).reportDir(tmp.resolve("reports")).splits(2).maxEpochs(2)
                .imageSize(32).seed(7).weights(BackboneWeights.RANDOM).backbones(List.of("resnet152"));
    }

    @Test
    void aSecondSessionReusesTheFinishedRunUntouchedAndTrainsOnlyTheOtherOne() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {3, 4, 3, 3, 3, 2}, 8);
        RunResult first;
        try (Experiment e = Experiment.open(config(data).build(), Path.of("."), TestEngine.started())) {
            first = e.run("resnet152", 1).result();
            assertThat(e.reusedRuns()).isZero();
        }
        Path file = tmp.resolve("reports/results/resnet152-split1.json");
        byte[] written = Files.readAllBytes(file);
        assertThat(first.versions().get(RunOrigin.CODE)).as("the code's fingerprint").matches("[0-9a-f]{64}");

        List<String> notes = new ArrayList<>();
        try (Experiment e = Experiment.open(config(data).build(), Path.of("."), TestEngine.started(), Progress.NONE,
                notes::add)) {
            assertThat(e.reusedRuns()).isEqualTo(1);
            assertThat(notes).as("told through the session's console").anyMatch(n -> n.startsWith("reusing 1 finished run")
                    && n.contains("resnet152-split1.json"));
            Experiment.Run again = e.run("resnet152", 1);
            assertThat(again.reused()).isTrue();
            assertThat(again.result()).usingRecursiveComparison().isEqualTo(ResultsFiles.read(file));
            assertThat(again.result().createdAt()).isEqualTo(first.createdAt());
            assertThat(e.featureExtractions()).as("a reused run needs no forward pass").isZero();

            Experiment.Run second = e.run("resnet152", 2);
            assertThat(second.reused()).isFalse();
            assertThat(e.featureExtractions()).isEqualTo(1);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(written);
    }

    @Test
    void anotherSettingStopsTheRunBeforeTheImagesAreReadAndRestartStartsOver() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {3, 4, 3, 3, 3, 2}, 9);
        try (Experiment e = Experiment.open(config(data).build(), Path.of("."), TestEngine.started())) {
            e.run("resnet152", 1);
        }
        // An undecodable image would stop the run while decoding: the settings check must come first.
        Path broken = data.resolve("BI-RADS 2/broken.png");
        Files.writeString(broken, "not a png");
        ReproConfig moreEpochs = config(data).maxEpochs(3).build();

        assertThatThrownBy(() -> Experiment.open(moreEpochs, Path.of("."), TestEngine.started()))
                .isInstanceOf(IncompatibleResultsException.class)
                .hasMessageContaining("repro.maxEpochs: was 2, now 3 (resnet152-split1.json)")
                .hasMessageContaining("repro.onIncompatibleResults=restart");
        assertThat(ResultsFiles.read(tmp.resolve("reports/results/resnet152-split1.json")).lastEpoch()).isEqualTo(2);

        Files.delete(broken);
        try (Experiment e = Experiment.open(moreEpochs.toBuilder()
                .onIncompatibleResults(IncompatibleResultsPolicy.RESTART).build(), Path.of("."), TestEngine.started())) {
            assertThat(e.reusedRuns()).isZero();
            assertThat(e.run("resnet152", 1).reused()).isFalse();
        }
        assertThat(ResultsFiles.read(tmp.resolve("reports/results/resnet152-split1.json")).lastEpoch()).isEqualTo(3);
    }
}
