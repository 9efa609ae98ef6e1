package org.biradsrepro.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.biradsrepro.config.Profile;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.TinyDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentTest {

    @TempDir
    Path tmp;

    private ReproConfig config(Path data, Path reports) {
        return ReproConfig.builder(Profile.FIXTURE).dataset(data).reportDir(reports).splits(2).maxEpochs(6)
                .imageSize(32).seed(7).build();
    }

    @Test
    void sameSeedGivesIdenticalResultsFilesApartFromTimestampsAndTimings() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {4, 8, 4, 4, 3, 2}, 1);
        String first = runAndRead(config(data, tmp.resolve("a")));
        String second = runAndRead(config(data, tmp.resolve("b")));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void everyUndecodableImageIsListedBeforeAnyTraining() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("bad"), new int[] {3, 3, 3, 3, 3, 3}, 2);
        Files.writeString(data.resolve("BI-RADS 2/broken.png"), "not a png");
        Files.write(data.resolve("BI-RADS 4/empty.png"), new byte[0]);
        ReproConfig config = config(data, tmp.resolve("r"));
        assertThatThrownBy(() -> Experiment.open(config, Path.of(".")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("2 of 20 images")
                .hasMessageContaining("BI-RADS 2/broken.png")
                .hasMessageContaining("BI-RADS 4/empty.png")
                .hasMessageContaining("nothing was trained");
        assertThat(tmp.resolve("r/results")).doesNotExist();
    }

    @Test
    void aBackboneNotBuiltYetFailsBeforeTheDatasetIsRead() {
        ReproConfig config = ReproConfig.builder(Profile.FIXTURE).dataset(tmp.resolve("does-not-matter"))
                .backbones(List.of("nasnetlarge")).build();
        assertThatThrownBy(() -> Experiment.open(config, Path.of(".")))
                .hasMessageContaining("'nasnetlarge' is one of the paper's six but is not built yet")
                .hasMessageContaining("Built backbones: resnet152");
    }

    @Test
    void aRunReplacesTheResultsOfAnEarlierRunInTheSameFolder() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {3, 4, 3, 3, 3, 2}, 3);
        Path stale = Files.createDirectories(tmp.resolve("rep/results")).resolve("resnet152-split9.json");
        Files.writeString(stale, "{}");
        Path keep = tmp.resolve("rep/results/notes.txt");
        Files.writeString(keep, "mine");
        try (Experiment e = Experiment.open(config(data, tmp.resolve("rep")), Path.of("."))) {
            assertThat(stale).doesNotExist();
            assertThat(keep).exists();
        }
    }

    @Test
    void theChosenVariantsAreBuiltAndRecordedInTheResults() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {3, 4, 3, 3, 3, 2}, 4);
        ReproConfig config = config(data, tmp.resolve("v")).toBuilder().backbones(List.of("regnet", "mobilenetv3"))
                .regnetVariant("x016").mobilenetv3Variant("small").maxEpochs(2).build();
        try (Experiment e = Experiment.open(config, Path.of("."))) {
            assertThat(e.run("regnet", 1).result().backboneVariant()).isEqualTo("regnetx002-fixture");
            assertThat(e.run("mobilenetv3", 1).result().backboneVariant()).isEqualTo("mobilenetv3small-alpha0.25-fixture");
            String json = Files.readString(e.resultsDir().resolve("regnet-split1.json"));
            assertThat(json).containsPattern("\"repro.regnetVariant\"\\s*:\\s*\"x016\"")
                    .containsPattern("\"repro.mobilenetv3Variant\"\\s*:\\s*\"small\"");
        }
    }

    private String runAndRead(ReproConfig config) throws IOException {
        try (Experiment e = Experiment.open(config, Path.of("."))) {
            RunResult r = e.run("resnet152", 2).result();
            assertThat(r.history()).isNotEmpty();
            String json = Files.readString(e.resultsDir().resolve("resnet152-split2.json"));
            return json.lines()
                    .filter(l -> !l.contains("\"createdAt\"") && !l.contains("\"seconds\"")
                            && !l.contains("\"imagesPerSecond\"") && !l.contains("\"reportDir\""))
                    .reduce("", (a, b) -> a + b + "\n");
        }
    }
}
