package org.biradsrepro.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.biradsrepro.config.BackboneWeights;
import org.biradsrepro.config.BadImagePolicy;
import org.biradsrepro.config.InvalidSettingException;
import org.biradsrepro.config.Pairing;
import org.biradsrepro.config.Profile;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.data.DatasetException;
import org.biradsrepro.data.LabeledImage;
import org.biradsrepro.data.layout.DatasetScanner;
import org.biradsrepro.progress.Console;
import org.biradsrepro.progress.Progress;
import org.biradsrepro.results.RunResult;
import org.biradsrepro.testing.TestEngine;
import org.biradsrepro.testing.TinyDatasets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentTest {

    @TempDir
    Path tmp;

    private ReproConfig config(Path data, Path reports) {
        return ReproConfig.builder(Profile.FIXTURE).dataset(data).reportDir(reports).splits(2).maxEpochs(6)
                .imageSize(32).seed(7).backbones(List.of("resnet152")).build();
    }

    @Test
    void sameSeedGivesIdenticalResultsFilesApartFromTimestampsAndTimings() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {4, 8, 4, 4, 3, 2}, 1);
        String first = runAndRead(config(data, tmp.resolve("a")));
        String second = runAndRead(config(data, tmp.resolve("b")));
        assertThat(second).isEqualTo(first);
    }

    /** Every stage of a session reaches the progress it was opened with, with its images and the epoch's status. */
    @Test
    void eachStageReportsItsImagesAndTrainingItsSplitEpochAndLoss() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("progress"), new int[] {4, 8, 4, 4, 3, 2}, 1);
        List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.Map<String, java.util.concurrent.atomic.AtomicLong> advanced = new java.util.concurrent.ConcurrentHashMap<>();
        Progress recording = (kind, subject, total) -> {
            String label = Progress.label(kind, subject);
            events.add("start " + label + " " + total);
            advanced.put(label, new java.util.concurrent.atomic.AtomicLong());
            return new Progress.Stage() {
                @Override public void advance(long images) {
                    advanced.get(label).addAndGet(images);
                }

                @Override public void status(String text) {
                    events.add("status " + label + " " + text);
                }

                @Override public void close() {
                    events.add("close " + label);
                }
            };
        };
        // One training per split, so that each stage below is reported once.
        ReproConfig config = config(data, tmp.resolve("r")).toBuilder().earlyStopping(false).replicates(1).build();
        try (Experiment e = Experiment.open(config, Path.of("."), TestEngine.started(), recording, Console.NONE)) {
            int trainImages = e.splits().get(0).train().length;
            e.run("resnet152", 1);

            assertThat(events.stream().filter(x -> x.startsWith("start")).toList()).containsExactly("start scan 0",
                    "start decode 25", "start features resnet152 25", "start training resnet152 " + 6 * trainImages,
                    "start evaluation resnet152 " + e.splits().get(0).test().length);
            assertThat(events.stream().filter(x -> x.startsWith("close")).toList()).hasSize(5);
            assertThat(advanced.get("decode").get()).isEqualTo(25);
            assertThat(advanced.get("scan").get()).isEqualTo(25);
            assertThat(advanced.get("features resnet152").get()).isEqualTo(25);
            assertThat(advanced.get("training resnet152").get()).isEqualTo(6L * trainImages);
            List<String> statuses = events.stream().filter(x -> x.startsWith("status training")).toList();
            assertThat(statuses).hasSize(6);
            assertThat(statuses.get(5)).matches("status training resnet152 split 1 · epoch 6/6 · loss \\d+\\.\\d{4}");
        }
    }

    @Test
    void aThreadCountOtherThanTheEnginesIsRefusedNamingBoth() {
        int running = TestEngine.started().threads();
        ReproConfig config = config(tmp, tmp.resolve("r")).toBuilder().threads(running + 1).build();
        assertThatThrownBy(() -> Experiment.open(config, Path.of("."), TestEngine.started()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.threads='" + (running + 1) + "'")
                .hasMessageContaining("started with, " + running);
    }

    @Test
    void everyUndecodableImageIsListedBeforeAnyTraining() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("bad"), new int[] {3, 3, 3, 3, 3, 3}, 2);
        Files.writeString(data.resolve("BI-RADS 2/broken.png"), "not a png");
        Files.write(data.resolve("BI-RADS 4/empty.png"), new byte[0]);
        ReproConfig config = config(data, tmp.resolve("r"));
        assertThatThrownBy(() -> Experiment.open(config, Path.of("."), TestEngine.started()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("2 of 20 images")
                .hasMessageContaining("BI-RADS 2/broken.png")
                .hasMessageContaining("BI-RADS 4/empty.png")
                .hasMessageContaining("nothing was trained");
        assertThat(tmp.resolve("r/results")).doesNotExist();
    }

    @Test
    void withSkipEveryBadImageIsLeftOutBeforeSplittingAndListedInTheResults() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("skip"), new int[] {3, 4, 3, 3, 3, 3}, 4);
        Files.writeString(data.resolve("BI-RADS 2/broken.png"), "not a png");
        Files.write(data.resolve("BI-RADS 5/empty.png"), new byte[0]);
        ReproConfig config = config(data, tmp.resolve("r")).toBuilder().onBadImage(BadImagePolicy.SKIP).build();
        try (Experiment e = Experiment.open(config, Path.of("."), TestEngine.started())) {
            assertThat(e.dataset().size()).isEqualTo(19);
            assertThat(e.dataset().images()).extracting(LabeledImage::id)
                    .doesNotContain("BI-RADS 2/broken.png", "BI-RADS 5/empty.png");
            assertThat(e.dataset().classCounts()).containsExactly(3, 4, 3, 3, 3, 3);
            assertThat(e.splits()).allSatisfy(s -> assertThat(IntStream.concat(Arrays.stream(s.train()),
                    Arrays.stream(s.test()))).allMatch(i -> i < 19).hasSize(19));
            RunResult.DatasetInfo info = e.run("resnet152", 1).result().dataset();
            assertThat(info.images()).isEqualTo(19);
            assertThat(info.skipped()).extracting(RunResult.Skipped::id)
                    .containsExactly("BI-RADS 2/broken.png", "BI-RADS 5/empty.png");
            assertThat(info.skipped()).extracting(RunResult.Skipped::reason)
                    .anySatisfy(r -> assertThat(r).contains("not an image format"))
                    .anySatisfy(r -> assertThat(r).contains("empty (0 bytes)"));
            assertThat(info.fingerprint()).isEqualTo(DatasetScanner.scan(TinyDatasets.write(tmp.resolve("clean"),
                    new int[] {3, 4, 3, 3, 3, 3}, 4)).fingerprint());
        }
    }

    @Test
    void withSkipADatasetWithNoGoodImageStillStops() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("allbad/BI-RADS 1"));
        Files.writeString(data.resolve("a.png"), "text");
        ReproConfig config = config(tmp.resolve("allbad"), tmp.resolve("r")).toBuilder()
                .onBadImage(BadImagePolicy.SKIP).build();
        assertThatThrownBy(() -> Experiment.open(config, Path.of("."), TestEngine.started()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("1 of 1 images")
                .hasMessageContaining("BI-RADS 1/a.png");
    }

    @Test
    void anUnreadableResultsFileIsDeletedAndOtherFilesAreLeftAlone() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {3, 4, 3, 3, 3, 2}, 3);
        Path stale = Files.createDirectories(tmp.resolve("rep/results")).resolve("resnet152-split9.json");
        Files.writeString(stale, "{}");
        Path keep = tmp.resolve("rep/results/notes.txt");
        Files.writeString(keep, "mine");
        try (Experiment e = Experiment.open(config(data, tmp.resolve("rep")), Path.of("."), TestEngine.started())) {
            assertThat(stale).doesNotExist();
            assertThat(keep).exists();
        }
    }

    @Test
    void aManifestWithPatientsSplitsByPatientAndTheResultsSaySo() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("m"), new int[] {4, 8, 4, 4, 4, 4}, 4);
        StringBuilder manifest = new StringBuilder("path,birads,patient_id,view\n");
        for (int c = 0; c < 6; c++) {
            int n = c == 1 ? 8 : 4;
            for (int i = 0; i < n; i++) {
                // two views per patient, one class per patient
                manifest.append(String.format("BI-RADS %d/img-%03d.png,%d,P%d-%d,%s%n", c, i, c, c, i / 2, i % 2 == 0 ? "CC" : "MLO"));
            }
        }
        Path csv = tmp.resolve("m/manifest.csv");
        Files.writeString(csv, manifest);
        ReproConfig config = config(csv, tmp.resolve("rep")).toBuilder().maxEpochs(2).build();

        try (Experiment e = Experiment.open(config, Path.of("."), TestEngine.started())) {
            RunResult.DatasetInfo info = e.run("resnet152", 1).result().dataset();
            assertThat(info.layout()).isEqualTo("manifest");
            assertThat(info.splitUnit()).isEqualTo("patient");
            assertThat(info.patients()).isEqualTo(14);
            assertThat(info.trainPatients() + info.testPatients()).as("no patient on both sides").isEqualTo(14);
            assertThat(info.testSize()).isEqualTo(2 * info.testPatients());
            assertThat(info.notes()).anySatisfy(n -> assertThat(n).startsWith("14 patients over 28 of 28 images"));
        }
    }

    @Test
    void imagesAManifestListsButThatAreMissingStopTheRunListingEachRow() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("m"), new int[] {3, 3, 0, 0, 0, 0}, 5);
        Files.writeString(data.resolve("manifest.csv"), "path,birads\nBI-RADS 0/img-000.png,0\nBI-RADS 0/img-001.png,0\n"
                + "BI-RADS 0/img-002.png,0\nBI-RADS 1/img-000.png,1\nBI-RADS 1/img-001.png,1\nBI-RADS 1/gone.png,1\n"
                + "lost.png,0\n");

        assertThatThrownBy(() -> Experiment.open(config(data, tmp.resolve("r")), Path.of("."), TestEngine.started()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("2 of 7 images")
                .hasMessageContaining("BI-RADS 1/gone.png: manifest.csv row 7")
                .hasMessageContaining("lost.png: manifest.csv row 8")
                .hasMessageContaining("nothing was trained");
        assertThat(tmp.resolve("r/results")).doesNotExist();
    }

    @Test
    void pairedTakesBothVariantsFromOneRunAndIndependentTakesTheBaselineFromASecondSeededRun() {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {4, 8, 4, 4, 3, 2}, 1);
        ReproConfig paired = config(data, tmp.resolve("p"));
        ReproConfig independent = config(data, tmp.resolve("i")).toBuilder().pairing(Pairing.INDEPENDENT).build();
        // Its own folder: in the first one's, the finished run would be reused rather than trained again.
        ReproConfig independentAgain = independent.toBuilder().reportDir(tmp.resolve("i2")).build();

        Experiment.Run p = runSplit2(paired);
        Experiment.Run i = runSplit2(independent);
        Experiment.Run again = runSplit2(independentAgain);

        assertThat(again.reused()).isFalse();
        assertThat(p.trained().orElseThrow().baselineOutcome()).isSameAs(p.trained().orElseThrow().outcome());
        assertThat(p.result().pairing()).isEqualTo(RunResult.PAIRED);
        assertThat(p.result().baselineRun()).isNull();

        assertThat(i.trained().orElseThrow().baselineOutcome()).isNotSameAs(i.trained().orElseThrow().outcome());
        assertThat(i.result().pairing()).isEqualTo(RunResult.INDEPENDENT);
        RunResult.BaselineRun second = i.result().baselineRun();
        assertThat(second.headSeed()).isEqualTo(Seeds.derive(7, Seeds.BASELINE_RUN_HEAD, 2))
                .isNotEqualTo(Seeds.derive(7, Seeds.HEAD, 2));
        assertThat(second.shuffleSeed()).isEqualTo(Seeds.derive(7, Seeds.BASELINE_RUN_SHUFFLE, 2));
        assertThat(second.history()).as("a separate run has its own losses").isNotEqualTo(i.result().history());
        assertThat(i.result().variants().get(RunResult.BASELINE).epoch()).isEqualTo(second.lastEpoch());

        // The improved variant is the same training whichever the pairing; only the baseline moves.
        assertThat(predictions(i, RunResult.IMPROVED)).isDeepEqualTo(predictions(p, RunResult.IMPROVED));
        assertThat(i.result().history()).isEqualTo(p.result().history());
        assertThat(predictions(i, RunResult.BASELINE)).isNotEqualTo(predictions(p, RunResult.BASELINE));

        // Both are deterministic: the second independent session repeats the first bit for bit.
        assertThat(again.result().baselineRun()).isEqualTo(second);
        assertThat(predictions(again, RunResult.BASELINE)).isDeepEqualTo(predictions(i, RunResult.BASELINE));
        assertThat(predictions(again, RunResult.IMPROVED)).isDeepEqualTo(predictions(i, RunResult.IMPROVED));
    }

    private Experiment.Run runSplit2(ReproConfig config) {
        try (Experiment e = Experiment.open(config, Path.of("."), TestEngine.started())) {
            return e.run("resnet152", 2);
        }
    }

    private static double[][] predictions(Experiment.Run run, String variant) {
        return run.result().variants().get(variant).predictions().stream()
                .map(RunResult.Prediction::probabilities).toArray(double[][]::new);
    }

    @Test
    void anImageSizeBelowABackbonesMinimumIsRefusedBeforeAnyImageIsRead() {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {3, 4, 3, 3, 3, 2}, 4);
        ReproConfig config = config(data, tmp.resolve("small")).toBuilder().backbones(List.of("resnet152", "inceptionv3"))
                .imageSize(64).build();

        assertThatThrownBy(() -> Experiment.open(config, Path.of("."), TestEngine.started()))
                .isInstanceOf(org.biradsrepro.config.InvalidSettingException.class)
                .hasMessageContaining("repro.imageSize='64'")
                .hasMessageContaining("at least 75 for inceptionv3-fixture");
        assertThat(tmp.resolve("small/results")).doesNotExist();
    }

    @Test
    void theChosenVariantsAreBuiltAndRecordedInTheResults() throws IOException {
        Path data = TinyDatasets.write(tmp.resolve("data"), new int[] {3, 4, 3, 3, 3, 2}, 4);
        // At fixture scale MobileNetV3 shrinks the chosen size; a RegNet other than y008 is refused (ReproConfigBuilderTest).
        ReproConfig withFixtureWeights = config(data, tmp.resolve("v")).toBuilder().backbones(List.of("mobilenetv3"))
                .mobilenetv3Variant("small").maxEpochs(2).build();
        // The shipped fixture weights are MobileNetV3 Large's: for Small they are refused, naming both.
        assertThatThrownBy(() -> Experiment.open(withFixtureWeights, Path.of("."), TestEngine.started()))
                .hasMessageContaining("repro.weights").hasMessageContaining("mobilenetv3small-alpha0.25-fixture")
                .hasMessageContaining("mobilenetv3large-alpha0.25-fixture");
        ReproConfig config = withFixtureWeights.toBuilder().weights(BackboneWeights.RANDOM).build();
        try (Experiment e = Experiment.open(config, Path.of("."), TestEngine.started())) {
            assertThat(e.run("mobilenetv3", 1).result().backboneVariant()).isEqualTo("mobilenetv3small-alpha0.25-fixture");
            String json = Files.readString(e.resultsDir().resolve("mobilenetv3-split1.json"));
            assertThat(json).containsPattern("\"repro.mobilenetv3Variant\"\\s*:\\s*\"small\"")
                    .containsPattern("\"repro.regnetVariant\"\\s*:\\s*\"y008\"")
                    .containsPattern("\"repro.weights\"\\s*:\\s*\"random\"")
                    .containsPattern("\"repro.weightsDir\"\\s*:\\s*\"\"");
        }
    }

    private String runAndRead(ReproConfig config) throws IOException {
        try (Experiment e = Experiment.open(config, Path.of("."), TestEngine.started())) {
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
