package org.biradsrepro.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.biradsrepro.testing.SampleRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResultsFilesTest {

    @TempDir
    Path dir;

    private static JsonObject parse(Path file) throws IOException {
        return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
    }

    private static Set<String> keys(JsonElement e) {
        return e.getAsJsonObject().keySet();
    }

    @Test
    void writeThenReadGivesAnEqualResult() {
        RunResult original = SampleRuns.builder("inceptionv3", 4).epochs(6, 11).withValidationLoss(true)
                .improved(SampleRuns.metrics(0.8, 0.7, 0.6, 0.65, null, null)).build();

        RunResult back = ResultsFiles.read(ResultsFiles.write(dir, original));

        assertThat(back).usingRecursiveComparison().isEqualTo(original);
        assertThat(back.variants().get(RunResult.IMPROVED).metrics().rocAucMacro()).isNull();
        assertThat(back.variants().get(RunResult.BASELINE).predictions().get(1).probabilities())
                .containsExactly(original.variants().get(RunResult.BASELINE).predictions().get(1).probabilities());
    }

    @Test
    void theRoundTripComparisonSeesADifferentProbability() {
        RunResult original = SampleRuns.run("regnet", 1, 3, 8);
        RunResult back = ResultsFiles.read(ResultsFiles.write(dir, original));
        back.variants().get(RunResult.BASELINE).predictions().get(0).probabilities()[2] += 1e-12;

        assertThatThrownBy(() -> assertThat(back).usingRecursiveComparison().isEqualTo(original))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void fileIsNamedAfterBackboneAndSplitAndNoTemporaryFileRemains() throws IOException {
        Path file = ResultsFiles.write(dir.resolve("results"), SampleRuns.run("nasnetmobile", 3, 2, 5));

        assertThat(file).isEqualTo(dir.resolve("results").resolve("nasnetmobile-split3.json"));
        try (Stream<Path> s = Files.list(dir.resolve("results"))) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("nasnetmobile-split3.json");
        }
    }

    @Test
    void equalResultsGiveEqualBytesAndRewritingReplacesTheFile() throws IOException {
        Path first = ResultsFiles.write(dir, SampleRuns.run("regnet", 1, 3, 8));
        byte[] bytes = Files.readAllBytes(first);
        ResultsFiles.write(dir, SampleRuns.run("regnet", 1, 3, 8));
        assertThat(Files.readAllBytes(first)).isEqualTo(bytes);

        ResultsFiles.write(dir, SampleRuns.run("regnet", 1, 4, 8));
        assertThat(ResultsFiles.read(first).bestEpoch()).isEqualTo(4);
    }

    @Test
    void aWriteThatFailsPartWayLeavesTheEarlierFileWholeAndNoPartialFile() throws IOException {
        Path file = ResultsFiles.write(dir, SampleRuns.run("regnet", 1, 3, 8));
        byte[] before = Files.readAllBytes(file);
        RunResult late = SampleRuns.run("regnet", 1, 4, 8);
        // JSON has no NaN: Gson refuses it when it reaches the last prediction, after most of the file is out.
        List<RunResult.Prediction> predictions = late.variants().get(RunResult.IMPROVED).predictions();
        predictions.get(predictions.size() - 1).probabilities()[0] = Double.NaN;

        assertThatThrownBy(() -> ResultsFiles.write(dir, late)).hasMessageContaining("NaN");

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("regnet-split1.json");
        }
    }

    @Test
    void aWriteReplacesTheHalfFileAKilledWriterLeftAndDeletePartialRemovesOnlySuchFiles() throws IOException {
        Files.writeString(dir.resolve("regnet-split1.json.tmp"), "{\"backbone\": \"reg");
        Files.writeString(dir.resolve("resnet152-split2.json.tmp"), "{");
        Files.writeString(dir.resolve("notes.tmp"), "mine");

        Path file = ResultsFiles.write(dir, SampleRuns.run("regnet", 1, 3, 8));
        assertThat(ResultsFiles.read(file).bestEpoch()).isEqualTo(3);
        assertThat(dir.resolve("regnet-split1.json.tmp")).doesNotExist();

        ResultsFiles.deletePartial(dir);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("notes.tmp", "regnet-split1.json");
        }
        assertThat(ResultsFiles.runFiles(dir)).containsExactly(file);
        assertThat(ResultsFiles.runFiles(dir.resolve("missing"))).isEmpty();
    }

    @Test
    void anIndependentRunKeepsItsSeparateBaselineRunAndAFileWithoutPairingReadsAsPaired() throws IOException {
        RunResult p = SampleRuns.run("resnet152", 1, 3, 8);
        RunResult.BaselineRun second = new RunResult.BaselineRun(11L, 12L,
                List.of(new RunResult.Epoch(1, 1.5, null), new RunResult.Epoch(2, 1.25, null)), 2, 2, false);
        RunResult independent = new RunResult(p.backbone(), p.backboneVariant(), p.split(), p.seed(), p.splitSeed(),
                p.config(), p.dataset(), p.versions(), p.machine(), p.weights(), p.history(), p.monitor(), p.bestEpoch(),
                p.lastEpoch(), p.stoppedEarly(), RunResult.INDEPENDENT, second, p.training(), p.variants(),
                p.createdAt());

        RunResult back = ResultsFiles.read(ResultsFiles.write(dir, independent));
        assertThat(back.isPaired()).isFalse();
        assertThat(back.baselineRun()).isEqualTo(second);

        Path old = ResultsFiles.write(dir, p);
        JsonObject json = parse(old);
        json.remove("pairing");
        Files.writeString(old, json.toString());
        assertThat(ResultsFiles.read(old).isPaired()).isTrue();
    }

    @Test
    void writtenJsonCarriesTheDocumentedTopLevelFields() throws IOException {
        JsonObject json = parse(ResultsFiles.write(dir, SampleRuns.run("resnet152", 2, 3, 8)));

        assertThat(json.keySet()).contains("backbone", "split", "seed", "config", "dataset", "versions", "history",
                "bestEpoch", "lastEpoch", "stoppedEarly", "variants");
        // The full set documented on RunResult: field names are a public contract. A paired run has no
        // baselineRun: the baseline came from the same run.
        assertThat(json.keySet()).containsExactlyInAnyOrder("backbone", "backboneVariant", "split", "seed",
                "splitSeed", "config", "dataset", "versions", "machine", "weights", "history", "monitor", "bestEpoch",
                "lastEpoch", "stoppedEarly", "pairing", "training", "variants", "createdAt", "replicates");
        assertThat(json.get("pairing").getAsString()).isEqualTo("paired");
        assertThat(json.get("backbone").getAsString()).isEqualTo("resnet152");
        assertThat(json.get("split").getAsInt()).isEqualTo(2);
        assertThat(json.get("seed").getAsLong()).isEqualTo(42L);
        assertThat(json.get("bestEpoch").getAsInt()).isEqualTo(3);
        assertThat(json.get("lastEpoch").getAsInt()).isEqualTo(8);
        assertThat(json.get("stoppedEarly").getAsBoolean()).isTrue();
        assertThat(json.getAsJsonObject("config").get("repro.profile").getAsString()).isEqualTo("fixture");
        assertThat(json.getAsJsonObject("dataset").get("fingerprint").getAsString()).isEqualTo("ab".repeat(32));
        assertThat(json.getAsJsonArray("history")).hasSize(8);
    }

    @Test
    void variantsHoldBaselineAndImprovedWithMetricsAndPredictions() throws IOException {
        JsonObject json = parse(ResultsFiles.write(dir, SampleRuns.builder("regnet", 1)
                .predictionIds("BI-RADS 0/a.png", "BI-RADS 3/b.png", "BI-RADS 5/c.png").build()));

        JsonObject variants = json.getAsJsonObject("variants");
        assertThat(variants.keySet()).containsExactly("baseline", "improved");
        for (String v : List.of("baseline", "improved")) {
            JsonObject variant = variants.getAsJsonObject(v);
            assertThat(variant.keySet()).containsExactly("weights", "epoch", "monitoredLoss", "metrics", "chance",
                    "predictions");
            JsonObject chance = variant.getAsJsonObject("chance");
            assertThat(chance.keySet()).containsExactlyInAnyOrder("uninformative", "predictedClasses", "rocAucMacro",
                    "chanceBound", "reason");
            // Three images cannot show learning, whatever their ranking: the check says so in the file.
            assertThat(chance.get("uninformative").getAsBoolean()).isTrue();
            assertThat(chance.get("predictedClasses").getAsInt()).isEqualTo(2);
            JsonArray predictions = variant.getAsJsonArray("predictions");
            assertThat(predictions).hasSize(3);
            for (JsonElement p : predictions) {
                assertThat(keys(p)).containsExactlyInAnyOrder("id", "label", "probabilities");
                assertThat(p.getAsJsonObject().getAsJsonArray("probabilities")).hasSize(6);
            }
            JsonObject metrics = variant.getAsJsonObject("metrics");
            assertThat(metrics.keySet()).contains("accuracy", "precisionMacro", "recallMacro", "f1Macro",
                    "precisionWeighted", "recallWeighted", "f1Weighted", "rocAucMacro", "averagePrecisionMacro",
                    "perClass", "confusionMatrix");
            assertThat(metrics.getAsJsonArray("perClass")).hasSize(6);
            JsonArray matrix = metrics.getAsJsonArray("confusionMatrix");
            assertThat(matrix).hasSize(6);
            matrix.forEach(row -> assertThat(row.getAsJsonArray()).hasSize(6));
        }
        JsonObject second = variants.getAsJsonObject("baseline").getAsJsonArray("predictions").get(1).getAsJsonObject();
        assertThat(second.get("id").getAsString()).isEqualTo("BI-RADS 3/b.png");
        assertThat(second.get("label").getAsInt()).isEqualTo(3);
        // SampleRuns puts 0.25 on the label and (1 - 0.25) / 5 = 0.15 elsewhere for the baseline.
        assertThat(second.getAsJsonArray("probabilities").get(3).getAsDouble()).isEqualTo(0.25);
        assertThat(second.getAsJsonArray("probabilities").get(0).getAsDouble()).isEqualTo(0.15);
        JsonObject baselineMetrics = variants.getAsJsonObject("baseline").getAsJsonObject("metrics");
        assertThat(baselineMetrics.get("accuracy").getAsDouble()).isEqualTo(0.5);
        assertThat(baselineMetrics.get("rocAucMacro").getAsDouble()).isEqualTo(0.71);
        assertThat(baselineMetrics.getAsJsonArray("confusionMatrix").get(2).getAsJsonArray().get(3).getAsInt()).isEqualTo(1);
        assertThat(baselineMetrics.getAsJsonArray("confusionMatrix").get(2).getAsJsonArray().get(2).getAsInt()).isEqualTo(3);
    }

    @Test
    void undefinedRankingMetricsAreLeftOutOfTheJsonAndReadBackAsNull() throws IOException {
        Path file = ResultsFiles.write(dir, SampleRuns.builder("regnet", 1)
                .baseline(SampleRuns.metrics(0.5, 0.4, 0.3, 0.35, null, null)).build());

        JsonObject metrics = parse(file).getAsJsonObject("variants").getAsJsonObject("baseline").getAsJsonObject("metrics");
        assertThat(metrics.has("rocAucMacro")).isFalse();
        assertThat(metrics.has("averagePrecisionMacro")).isFalse();
        assertThat(ResultsFiles.read(file).variants().get("baseline").metrics().rocAucMacro()).isNull();
    }

    @Test
    void historyEntriesOmitValidationLossWhenThereIsNone() throws IOException {
        JsonArray without = parse(ResultsFiles.write(dir, SampleRuns.builder("regnet", 1).epochs(2, 4).build()))
                .getAsJsonArray("history");
        JsonArray with = parse(ResultsFiles.write(dir, SampleRuns.builder("regnet", 2).epochs(2, 4)
                .withValidationLoss(true).build())).getAsJsonArray("history");

        assertThat(without).hasSize(4).allSatisfy(e -> assertThat(keys(e)).containsExactlyInAnyOrder("epoch", "trainLoss"));
        assertThat(with).hasSize(4).allSatisfy(e -> assertThat(keys(e))
                .containsExactlyInAnyOrder("epoch", "trainLoss", "validationLoss"));
        // SampleRuns: loss 1 + |epoch - kept| / 8, validation loss 0.25 higher; epoch 4 with kept epoch 2 -> 1.25.
        JsonObject last = with.get(3).getAsJsonObject();
        assertThat(last.get("epoch").getAsInt()).isEqualTo(4);
        assertThat(last.get("trainLoss").getAsDouble()).isEqualTo(1.25);
        assertThat(last.get("validationLoss").getAsDouble()).isEqualTo(1.5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"hello\": 1}", "[1, 2, 3]", "not json at all {", "{\"backbone\": \"regnet\"}", "{\"variants\": {}}",
        "{\"backbone\": \"regnet\", \"variants\": \"none\"}", ""})
    void nonResultsJsonFailsNamingTheFile(String content) throws IOException {
        Path file = dir.resolve("package.json");
        Files.writeString(file, content);

        assertThatThrownBy(() -> ResultsFiles.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("not a birads-repro results file");
    }

    @Test
    void readAllOnAMissingFolderSaysToRunFirst() {
        Path missing = dir.resolve("reports").resolve("results");

        assertThatThrownBy(() -> ResultsFiles.readAll(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("run")
                .hasMessageContaining("first");
    }

    @Test
    void readAllSortsByBackboneThenNumericSplitAndIgnoresOtherFiles() throws IOException {
        ResultsFiles.write(dir, SampleRuns.run("resnet152", 2, 1, 2));
        ResultsFiles.write(dir, SampleRuns.run("regnet", 10, 1, 2));
        ResultsFiles.write(dir, SampleRuns.run("resnet152", 1, 1, 2));
        ResultsFiles.write(dir, SampleRuns.run("regnet", 2, 1, 2));
        Files.writeString(dir.resolve("index.html"), "<html></html>");
        Files.writeString(dir.resolve("regnet-split3.json.tmp"), "{half a fi");

        List<RunResult> all = ResultsFiles.readAll(dir);

        assertThat(all).extracting(r -> r.backbone() + "#" + r.split())
                .containsExactly("regnet#2", "regnet#10", "resnet152#1", "resnet152#2");
    }

    @Test
    void readAllOnAnEmptyFolderIsEmpty() {
        assertThat(ResultsFiles.readAll(dir)).isEmpty();
    }

    @Test
    void removesNestedFieldsAndConfigurationKeysThatHoldDotsAndSaysWhenAFieldWasAbsent() {
        JsonObject tree = JsonParser.parseString("""
                {"createdAt": "t", "training": {"seconds": 1.5, "epochs": 3},
                 "config": {"repro.dataset": "/data", "repro.seed": "42"}}""").getAsJsonObject();

        assertThat(ResultsFiles.remove(tree, "training.seconds")).isTrue();
        assertThat(ResultsFiles.remove(tree, "config.repro.dataset")).isTrue();
        assertThat(ResultsFiles.remove(tree, "machine.shard")).isFalse();
        assertThat(ResultsFiles.remove(tree, "training.seconds")).isFalse();

        assertThat(tree).isEqualTo(JsonParser.parseString("""
                {"createdAt": "t", "training": {"epochs": 3}, "config": {"repro.seed": "42"}}"""));
    }

    @Test
    void withoutTimingsLeavesOutExactlyTheTimingFields() {
        RunResult run = SampleRuns.run("regnet", 1, 3, 8);
        JsonObject full = ResultsFiles.tree(run);
        JsonObject trimmed = ResultsFiles.withoutTimings(run);

        assertThat(trimmed.has("createdAt")).isFalse();
        assertThat(trimmed.getAsJsonObject("training").has("seconds")).isFalse();
        assertThat(trimmed.getAsJsonObject("training").has("imagesPerSecond")).isFalse();
        assertThat(trimmed.getAsJsonObject("machine").has("shard")).isFalse();
        assertThat(trimmed.keySet()).containsExactlyInAnyOrderElementsOf(
                full.keySet().stream().filter(k -> !k.equals("createdAt")).toList());
    }
}
