package org.biradsrepro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.biradsrepro.claims.ClaimsFile;
import org.biradsrepro.config.Profile;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.config.Shard;
import org.biradsrepro.experiment.Experiment;
import org.biradsrepro.experiment.ShardPlan;
import org.biradsrepro.report.HtmlReport;
import org.biradsrepro.results.Cell;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.SampleRuns;
import org.biradsrepro.testing.TestEngine;
import org.biradsrepro.testing.TinyDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards, run one after another in this JVM, then merged with the {@code merge} command, give the results files
 * and {@code claims.json} of the same configuration run whole, apart from {@link ResultsFiles#TIMINGS}. The merge
 * refuses folders that do not belong together, naming the problem and the files.
 */
class ShardMergeTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int main(String... args) {
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            return Main.run(args, out, err);
        }
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    /** Runs every cell of the config's shard, as the {@code run} command does, and writes its claims and page. */
    private static void runShard(ReproConfig config) {
        try (Experiment e = Experiment.open(config, Path.of("."), TestEngine.started())) {
            e.cells().forEach(c -> e.run(c.backbone(), c.split()));
        }
        ClaimsFile.write(config.reportDir());
        HtmlReport.write(config.reportDir());
    }

    @Test
    void mergedShardsEqualTheWholeRunApartFromTimings() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {4, 6, 4, 4, 3, 3}, 3);
        ReproConfig whole = ReproConfig.builder(Profile.FIXTURE).dataset(data).reportDir(tmp.resolve("whole"))
                .splits(2).maxEpochs(2).imageSize(32).seed(11).backbones(List.of("resnet152", "mobilenetv3")).build();
        runShard(whole);
        ShardPlan plan = ShardPlan.of(whole, 2, TestEngine.started());
        for (int i = 1; i <= 2; i++) {
            Shard shard = new Shard(i, 2);
            runShard(whole.toBuilder().shard(shard).reportDir(tmp.resolve("shard" + i)).build());
            // A shard writes its own cells' files alone, and its claims.json says which cells it judged.
            assertThat(ResultsFiles.readAll(tmp.resolve("shard" + i + "/results"))).map(Cell::of)
                    .containsExactlyInAnyOrderElementsOf(plan.cellsOf(shard));
            ClaimsFile.Coverage coverage = ClaimsFile.read(tmp.resolve("shard" + i + "/claims.json")).coverage();
            assertThat(coverage.complete()).isFalse();
            assertThat(coverage.cells()).hasSize(plan.cellsOf(shard).size());
            assertThat(coverage.missing()).hasSize(4 - plan.cellsOf(shard).size());
        }

        assertThat(main("merge", tmp.resolve("merged").toString(), tmp.resolve("shard1").toString(),
                tmp.resolve("shard2").toString())).as(err()).isZero();

        List<RunResult> expected = ResultsFiles.readAll(tmp.resolve("whole/results"));
        List<RunResult> merged = ResultsFiles.readAll(tmp.resolve("merged/results"));
        assertThat(merged).hasSize(4).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(ResultsFiles.withoutTimings(merged.get(i))).as(expected.get(i).fileName())
                    .isEqualTo(ResultsFiles.withoutTimings(expected.get(i)));
        }
        // claims.json holds no timing at all: byte for byte the same.
        assertThat(Files.readString(tmp.resolve("merged/claims.json")))
                .isEqualTo(Files.readString(tmp.resolve("whole/claims.json")));
        assertThat(ClaimsFile.read(tmp.resolve("merged/claims.json")).coverage().complete()).isTrue();
        // The page says which shard ran which cell.
        assertThat(Files.readString(tmp.resolve("merged/index.html"))).contains("<li>1/2 <small>(").contains("<li>2/2 <small>(");
    }

    private Path folder(String name, RunResult... runs) {
        Path dir = tmp.resolve(name + "/results");
        for (RunResult r : runs) {
            ResultsFiles.write(dir, r);
        }
        return dir.getParent();
    }

    private static SampleRuns.Builder cell(String backbone, int split) {
        return SampleRuns.builder(backbone, split).config("repro.backbones", "resnet152,inceptionv3")
                .config("repro.splits", "2");
    }

    @Test
    void aMissingCellIsNamed() {
        Path a = folder("a", cell("resnet152", 1).build(), cell("resnet152", 2).build());
        Path b = folder("b", cell("inceptionv3", 2).build());
        assertThat(main("merge", tmp.resolve("out").toString(), a.toString(), b.toString())).isEqualTo(2);
        assertThat(err()).contains("MISSING 1 of 4 cells: [inceptionv3 split 1]");
        assertThat(tmp.resolve("out/index.html")).doesNotExist();
    }

    @Test
    void aDuplicateIsKeptOnceWhenItsResultsAgreeAndNamedWhenTheyConflict() {
        Path a = folder("a", cell("resnet152", 1).build(), cell("resnet152", 2).build(), cell("inceptionv3", 1).build());
        // A retried shard on another machine, later: same results.
        Path retried = folder("retried", cell("inceptionv3", 1).machine("cpu", "other").build(), cell("inceptionv3", 2).build());
        assertThat(main("merge", tmp.resolve("out").toString(), a.toString(), retried.toString())).as(err()).isZero();
        assertThat(ResultsFiles.readAll(tmp.resolve("out/results"))).hasSize(4);

        Path conflicting = folder("conflicting", cell("inceptionv3", 2).epochs(4, 8).build());
        assertThat(main("merge", tmp.resolve("out2").toString(), a.toString(), retried.toString(),
                conflicting.toString())).isEqualTo(2);
        assertThat(err()).contains("CONFLICTING duplicate inceptionv3 split 2")
                .contains(retried.resolve("results/inceptionv3-split2.json").toString())
                .contains(conflicting.resolve("results/inceptionv3-split2.json").toString()).contains("differ at history[0].trainLoss");
    }

    @Test
    void foldersOfAnotherConfigurationDatasetOrCodeAreRefusedNamingTheDifference() {
        Path a = folder("a", cell("resnet152", 1).build(), cell("resnet152", 2).build());
        Path b = folder("b", cell("inceptionv3", 1).config("repro.seed", "7").build(),
                cell("inceptionv3", 2).fingerprint("cd".repeat(32)).build());
        assertThat(main("merge", tmp.resolve("out").toString(), a.toString(), b.toString())).isEqualTo(2);
        assertThat(err()).contains("different configuration").contains("repro.seed=42").contains("has 7")
                .contains("different dataset").contains("cd".repeat(32));
    }
}
