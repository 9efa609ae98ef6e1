package org.biradsrepro.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.biradsrepro.config.ReproConfig;
import org.biradsrepro.config.Setting;
import org.biradsrepro.config.Settings;
import org.biradsrepro.results.ResultsFiles;
import org.biradsrepro.testing.SampleRuns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private int run(String... args) {
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8)) {
            return Main.run(args, out, err);
        }
    }

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void settingsListsEveryKeyWithItsDefault() {
        assertThat(run("settings")).isZero();

        String[] lines = out().split("\\R");
        assertThat(lines).hasSize(Settings.ALL.size());
        for (Setting<?> s : Settings.ALL) {
            assertThat(out()).containsPattern("(?m)^" + s.key().replace(".", "\\.") + "\\s.*default: "
                    + java.util.regex.Pattern.quote(s.defaultValue()) + "$");
        }
        assertThat(out()).contains("repro.dataset").contains("repro.backbones").contains("repro.threads");
        assertThat(err()).isEmpty();
    }

    @Test
    void describeResnet152MatchesKerasSummaryAndListsItsLayers() {
        assertThat(run("describe", "resnet152")).isZero();

        String[] lines = out().split("\\R");
        // Keras: 60,419,944 with the 1000-way top; as used, that top (2048*1000 + 1000) gives way to a 6-way head.
        long asUsed = 60_419_944L - (2048L * 1000 + 1000) + (2048L * 6 + 6);
        assertThat(lines[0]).startsWith("resnet152\t60419944\t" + asUsed + "\t2048\t224\t");
        // He et al. (2016), Table 1: 11.3e9 multiply-adds at 224 px, rounded to the digits shown.
        assertThat(Long.parseLong(lines[0].split("\t")[5])).isBetween(11_250_000_000L, 11_350_000_000L);
        assertThat(out()).containsPattern("(?m)^stem/conv1_conv\\s+PaddingSafeConv2d\\s+9,472\\s+weight\\(64, 3, 7, 7\\) bias\\(64\\)$")
                .containsPattern("(?m)^conv5/conv5_block3/main/conv5_block3_3_bn\\s+BatchNorm\\s")
                .containsPattern("(?m)^top/predictions\\s+Linear\\s+2,049,000\\s");
        assertThat(err()).isEmpty();
    }

    @Test
    void describePrintsOneTabSeparatedLinePerPaperBackboneInTableTwoOrder() {
        System.setProperty("repro.profile", "fixture");
        try {
            assertThat(run("describe")).isZero();
        } finally {
            System.clearProperty("repro.profile");
        }

        String[] lines = out().split("\\R");
        assertThat(lines).extracting(l -> l.split("\t")[0]).containsExactlyElementsOf(ReproConfig.PAPER_BACKBONES);
        for (String line : lines) {
            String[] f = line.split("\t");
            assertThat(f).as(line).hasSize(6);
            long withTop = Long.parseLong(f[1]);
            long asUsed = Long.parseLong(f[2]);
            long width = Long.parseLong(f[3]);
            // The two differ only by the heads: a 1000-way top (and, for MobileNetV3, its 1x1 conv) against a 6-way dense layer.
            assertThat(withTop - asUsed).as(line).isGreaterThanOrEqualTo(width * 1000 + 1000 - (width * 6 + 6));
            assertThat(Integer.parseInt(f[4])).as(line).isIn(224, 299, 331);
            assertThat(Long.parseLong(f[5])).as(line).isPositive();
        }
        assertThat(err()).isEmpty();
    }

    @Test
    void describeOfAnUnknownIdFailsListingTheIdsThatExist() {
        assertThat(run("describe", "vgg16")).isEqualTo(2);

        assertThat(err()).startsWith("birads-repro: Unknown backbone 'vgg16'. Backbones: "
                + String.join(", ", ReproConfig.PAPER_BACKBONES));
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertThat(run("help")).isZero();

        assertThat(out()).contains("Usage:").contains("run").contains("report").contains("generate-fixtures")
                .contains("settings");
        assertThat(err()).isEmpty();
    }

    @Test
    void noArgumentsMeansHelp() {
        assertThat(run()).isZero();

        assertThat(out()).contains("Usage:");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--out|--out needs a value",
            "--out /tmp/x --epochs 0|--epochs takes a whole number of at least 1, not '0'",
            "--out /tmp/x --epochs four|--epochs takes a whole number of at least 1, not 'four'",
            "--out /tmp/x --per-kind 25|--per-kind takes TRAIN,HELDOUT (source images per kind), not '25'",
            "--out /tmp/x --per-kind 30,5|bad pretraining recipe",
            "--epochs 1|fixtures/backbone-weights holds what the default recipe produces",
            "--per-kind 25,5 resnet152|write another recipe's files or every epoch's elsewhere with --out DIR",
            "--every-epoch resnet152|holds what the default recipe produces, nothing else"})
    void pretrainFixturesRefusesABadOptionOrAnotherRecipeInTheShippedFolderBeforeTraining(String args, String message) {
        List<String> argv = new java.util.ArrayList<>(List.of("pretrain-fixtures"));
        argv.addAll(List.of(args.split(" ")));
        assertThat(run(argv.toArray(String[]::new))).isEqualTo(2);

        assertThat(err()).startsWith("birads-repro: ").contains(message);
        assertThat(out()).doesNotContain("Rendered");
    }

    @Test
    void unknownCommandExitsWithTwoAndUsageOnStderr() {
        assertThat(run("frobnicate", "--now")).isEqualTo(2);

        assertThat(err()).contains("Unknown command 'frobnicate'").contains("Usage:");
        assertThat(out()).isEmpty();
    }

    @Test
    void reportOnAFolderWithoutResultsExitsWithTwoAndAMessage(@TempDir Path reportDir) {
        assertThat(run("report", reportDir.toString())).isEqualTo(2);

        assertThat(err()).startsWith("birads-repro: ")
                .contains(reportDir.resolve("results").toAbsolutePath().toString())
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(err().strip().lines()).hasSize(1);
        assertThat(out()).isEmpty();
    }

    @Test
    void reportOnAnEmptyResultsFolderExitsWithTwo(@TempDir Path reportDir) throws IOException {
        Files.createDirectories(reportDir.resolve("results"));

        assertThat(run("report", reportDir.toString())).isEqualTo(2);

        assertThat(err()).startsWith("birads-repro: No results files in").doesNotContain("\tat ");
    }

    @Test
    void reportOnABrokenResultsFileExitsWithTwoNamingIt(@TempDir Path reportDir) throws IOException {
        Path broken = Files.createDirectories(reportDir.resolve("results")).resolve("regnet-split1.json");
        Files.writeString(broken, "{\"truncated\": ");

        assertThat(run("report", reportDir.toString())).isEqualTo(2);

        assertThat(err()).startsWith("birads-repro: ").contains(broken.toAbsolutePath().toString());
    }

    @Test
    void reportWritesIndexHtmlFromResults(@TempDir Path reportDir) {
        ResultsFiles.write(reportDir.resolve("results"), SampleRuns.run("regnet", 1, 3, 8));

        assertThat(run("report", reportDir.toString())).isZero();

        assertThat(reportDir.resolve("index.html")).isRegularFile();
        assertThat(out()).contains("Wrote").contains("index.html");
        assertThat(err()).isEmpty();
    }

    @Test
    @Timeout(60) // about 3 s on two cores
    void generateFixturesWrites360Pngs(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("phantoms");

        assertThat(run("generate-fixtures", target.toString())).isZero();

        try (Stream<Path> files = Files.walk(target)) {
            assertThat(files.filter(p -> p.getFileName().toString().endsWith(".png")).count()).isEqualTo(360);
        }
        assertThat(out()).contains("Wrote 360 images to " + target);
        assertThat(target.resolve("BI-RADS 5")).isDirectory();
    }
}
