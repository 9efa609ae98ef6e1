package org.biradsrepro.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.biradsrepro.config.Pairing;
import org.biradsrepro.config.Profile;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.TestEngine;
import org.biradsrepro.testing.TinyDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Experiment#control}: what each control trains, reuses and records, and where it is written. */
class ExperimentControlsTest {

    @TempDir
    Path tmp;

    private ReproConfig config(Path data, Path reports) {
        return ReproConfig.builder(Profile.FIXTURE).dataset(data).reportDir(reports).splits(2).maxEpochs(8)
                .imageSize(32).seed(7).backbones(List.of("resnet152")).build();
    }

    @Test
    void noisyEndIsTheMatrixRunWithItsFinalEpochsPerturbedAndIsWrittenApartNamingItsControl() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {4, 8, 4, 4, 3, 2}, 1);
        Path reports = tmp.resolve("r");
        try (Experiment e = Experiment.open(config(data, reports), Path.of("."), TestEngine.started())) {
            RunResult main = e.run("resnet152", 1).result();
            String mainFile = Files.readString(e.resultsDir().resolve("resnet152-split1.json"));
            RunResult spike = e.control(Control.NOISY_END, "resnet152", 1);

            assertThat(e.control(Control.NOISY_END, "resnet152", 1)).as("memoised").isSameAs(spike);
            assertThat(spike.control()).contains("noisy-end");
            assertThat(main.control()).isEmpty();
            assertThat(spike.config()).containsEntry(RunResult.CONTROL_KEY, "noisy-end")
                    .containsEntry(RunResult.CONTROL_EXPECT_KEY, RunResult.CONTROL_MUST_REPRODUCE)
                    .containsEntry("control", "early stopping off; training labels shuffled and Adamax learning rate "
                            + "x100 in epochs 6-8 of 8");
            assertThat(spike.lastEpoch()).isEqualTo(8);
            assertThat(spike.stoppedEarly()).isFalse();
            assertThat(spike.pairing()).isEqualTo(RunResult.PAIRED);
            // Same split, features, seeds and protocol before the spike: the matrix run's epochs, bit for bit.
            int shared = Math.min(5, main.history().size());
            assertThat(spike.history().subList(0, shared)).isEqualTo(main.history().subList(0, shared));
            assertThat(spike.dataset()).isEqualTo(main.dataset());

            Path file = e.controlDir(Control.NOISY_END).resolve("resnet152-split1.json");
            assertThat(file).isEqualTo(reports.resolve("controls/noisy-end/resnet152-split1.json"));
            assertThat(ResultsFiles.readAll(e.controlDir(Control.NOISY_END))).singleElement()
                    .satisfies(r -> assertThat(ResultsFiles.withoutTimings(r)).isEqualTo(ResultsFiles.withoutTimings(spike)));
            assertThat(ResultsFiles.runFiles(e.resultsDir())).extracting(p -> p.getFileName().toString())
                    .containsExactly("resnet152-split1.json");
            assertThat(Files.readString(e.resultsDir().resolve("resnet152-split1.json"))).as("the matrix's file untouched")
                    .isEqualTo(mainFile);
        }
        // A session reopened on the folder reuses the matrix run and does not mistake the controls for runs.
        try (Experiment again = Experiment.open(config(data, reports), Path.of("."), TestEngine.started())) {
            assertThat(again.reusedRuns()).isEqualTo(1);
            assertThat(again.run("resnet152", 1).reused()).isTrue();
        }
    }

    @Test
    void aaComparesTheMatrixRunsLastEpochWithASecondRunOfIndependentPairingsSeeds() {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {4, 8, 4, 4, 3, 2}, 1);
        RunResult main;
        RunResult aa;
        try (Experiment e = Experiment.open(config(data, tmp.resolve("p")), Path.of("."), TestEngine.started())) {
            aa = e.control(Control.AA, "resnet152", 2);
            main = e.run("resnet152", 2).result();
        }
        RunResult independent;
        try (Experiment e = Experiment.open(config(data, tmp.resolve("i")).toBuilder().pairing(Pairing.INDEPENDENT)
                .build(), Path.of("."), TestEngine.started())) {
            independent = e.run("resnet152", 2).result();
        }

        assertThat(aa.control()).contains("a-a");
        assertThat(aa.pairing()).isEqualTo(RunResult.INDEPENDENT);
        assertThat(aa.bestEpoch()).isEqualTo(aa.lastEpoch()).isEqualTo(main.lastEpoch());
        assertThat(aa.history()).isEqualTo(main.history());
        assertThat(aa.variants().get(RunResult.IMPROVED)).as("the matrix run's last epoch, reused")
                .isSameAs(main.variants().get(RunResult.BASELINE));
        // The second run is the one independent pairing trains: the same seeds give the same run.
        assertThat(aa.baselineRun()).isEqualTo(independent.baselineRun());
        assertThat(aa.baselineRun().headSeed()).isEqualTo(Seeds.derive(7, Seeds.BASELINE_RUN_HEAD, 2));
        assertThat(predictions(aa, RunResult.BASELINE)).isDeepEqualTo(predictions(independent, RunResult.BASELINE));
        assertThat(aa.variants().values()).extracting(RunResult.Variant::weights).containsOnly("last-epoch");
    }

    @Test
    void underIndependentPairingAaTakesTheSecondRunFromTheMatrixAndAReusedFirstRunIsTrainedAgain() {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {4, 8, 4, 4, 3, 2}, 1);
        ReproConfig independent = config(data, tmp.resolve("i")).toBuilder().pairing(Pairing.INDEPENDENT).build();
        RunResult trainedNow;
        RunResult main;
        try (Experiment e = Experiment.open(independent, Path.of("."), TestEngine.started())) {
            main = e.run("resnet152", 1).result();
            trainedNow = e.control(Control.AA, "resnet152", 1);
        }
        RunResult fromFile;
        try (Experiment e = Experiment.open(independent, Path.of("."), TestEngine.started())) {
            assertThat(e.run("resnet152", 1).reused()).isTrue();
            fromFile = e.control(Control.AA, "resnet152", 1);
        }
        assertThat(trainedNow.variants().get(RunResult.BASELINE)).isSameAs(main.variants().get(RunResult.BASELINE));
        assertThat(trainedNow.baselineRun()).isEqualTo(main.baselineRun());
        assertThat(ResultsFiles.withoutTimings(fromFile)).isEqualTo(ResultsFiles.withoutTimings(trainedNow));
    }

    @Test
    void anEarlierSessionsControlFilesAreDeletedBeforeTheFirstOfThisOnesAndOtherFilesLeftAlone() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {4, 8, 4, 4, 3, 2}, 1);
        Path dir = Files.createDirectories(tmp.resolve("r/controls/a-a"));
        Files.writeString(dir.resolve("regnet-split3.json"), "{}");
        Files.writeString(dir.resolve("resnet152-split2.json.tmp"), "half");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        Path retired = Files.createDirectories(tmp.resolve("r/controls/lr-spike"));
        Files.writeString(retired.resolve("resnet152-split1.json"), "{}");
        try (Experiment e = Experiment.open(config(data, tmp.resolve("r")), Path.of("."), TestEngine.started())) {
            e.control(Control.AA, "resnet152", 1);
            assertThat(retired).as("a control this code no longer defines").doesNotExist();
            e.control(Control.AA, "resnet152", 2);
            assertThat(ResultsFiles.runFiles(dir)).extracting(p -> p.getFileName().toString())
                    .containsExactly("resnet152-split1.json", "resnet152-split2.json");
            assertThat(dir.resolve("resnet152-split2.json.tmp")).doesNotExist();
            assertThat(dir.resolve("notes.txt")).hasContent("mine");
            assertThat(tmp.resolve("r/controls/noisy-end")).as("only the controls asked for").doesNotExist();
            assertThatThrownBy(() -> e.control(Control.AA, "regnet", 1)).hasMessageContaining("regnet")
                    .hasMessageContaining("[resnet152]");
            assertThatThrownBy(() -> e.control(Control.AA, "resnet152", 3)).hasMessageContaining("split 3 out of 1..2");
        }
    }

    @Test
    void controlsHaveTheirIdsAndTheVerdictTheyMustGet() {
        assertThat(Control.NOISY_END.id()).isEqualTo("noisy-end");
        assertThat(Control.AA.id()).isEqualTo("a-a");
        assertThat(Control.NOISY_END.description()).contains("shuffled labels", "100 times").endsWith(".");
        assertThat(Control.AA.description()).contains("a second run", "Algorithm 1").endsWith(".");
        assertThat(Control.NOISY_END.mustBeReproduced()).isTrue();
        assertThat(Control.AA.mustBeReproduced()).isFalse();
        assertThat(Control.byId("a-a")).contains(Control.AA);
        assertThat(Control.byId("paper")).isEmpty();
        assertThat(Control.NOISY_END.perturbation().describe(200))
                .isEqualTo("training labels shuffled and Adamax learning rate x100 in epochs 198-200 of 200");
        assertThat(Control.AA.perturbation().describe(200)).isEqualTo("none");
    }

    private static double[][] predictions(RunResult r, String variant) {
        return r.variants().get(variant).predictions().stream().map(RunResult.Prediction::probabilities)
                .toArray(double[][]::new);
    }
}
