package org.biradsrepro.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.biradsrepro.config.Profile;
import org.biradsrepro.config.ReproConfig;
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
