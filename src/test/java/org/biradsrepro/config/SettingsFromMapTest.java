package org.biradsrepro.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.biradsrepro.data.DatasetLayout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsFromMapTest {

    @TempDir
    Path project;

    @BeforeEach
    void createDatasetFolders() throws IOException {
        Files.createDirectories(project.resolve("fixtures/birads-phantoms"));
        Files.createDirectories(project.resolve("data/kau-bcmd"));
    }

    private ReproConfig parse(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return Settings.fromMap(m, project);
    }

    @Test
    void emptyMapGivesFixtureDefaultsWithFoldersInsideTheProject() {
        ReproConfig c = parse();

        assertThat(c.profile()).isEqualTo(Profile.FIXTURE);
        assertThat(c.dataset()).isEqualTo(project.resolve("fixtures").resolve("birads-phantoms"));
        assertThat(c.reportDir()).isEqualTo(project.resolve("reports"));
        assertThat(c.backbones()).containsExactlyElementsOf(ReproConfig.PAPER_BACKBONES);
        assertThat(c.splits()).isEqualTo(5);
        assertThat(c.seed()).isEqualTo(42L);
        assertThat(c.maxEpochs()).isEqualTo(200);
        assertThat(c.imageSize()).isEqualTo(80);
        assertThat(c.testFraction()).isEqualTo(0.2);
        assertThat(c.batchSize()).isEqualTo(32);
        assertThat(c.learningRate()).isEqualTo(0.001);
        assertThat(c.patience()).isEqualTo(5);
        assertThat(c.earlyStopping()).isTrue();
        assertThat(c.monitor()).isEqualTo(Monitor.LOSS);
        assertThat(c.validationFraction()).isEqualTo(0.1);
        assertThat(c.trainableStages()).isZero();
        assertThat(c.featureCache()).isTrue();
        assertThat(c.pairing()).isEqualTo(Pairing.PAIRED);
        assertThat(c.claims()).isEqualTo(ClaimsMode.REPORT);
    }

    @Test
    void documentedDefaultsAreTheDefaultsActuallyUsed() {
        ReproConfig c = parse();
        Map<String, String> documented = new HashMap<>();
        Settings.ALL.forEach(s -> documented.put(s.key(), s.defaultValue()));

        assertThat(documented.get("repro.profile")).isEqualTo(c.profile().id());
        assertThat(documented.get("repro.backbones")).isEqualTo(String.join(",", c.backbones()));
        assertThat(Integer.parseInt(documented.get("repro.splits"))).isEqualTo(c.splits());
        assertThat(Long.parseLong(documented.get("repro.seed"))).isEqualTo(c.seed());
        assertThat(Integer.parseInt(documented.get("repro.maxEpochs"))).isEqualTo(c.maxEpochs());
        assertThat(Double.parseDouble(documented.get("repro.testFraction"))).isEqualTo(c.testFraction());
        assertThat(Integer.parseInt(documented.get("repro.batchSize"))).isEqualTo(c.batchSize());
        assertThat(Double.parseDouble(documented.get("repro.learningRate"))).isEqualTo(c.learningRate());
        assertThat(Integer.parseInt(documented.get("repro.patience"))).isEqualTo(c.patience());
        assertThat(Boolean.parseBoolean(documented.get("repro.earlyStopping"))).isEqualTo(c.earlyStopping());
        assertThat(documented.get("repro.monitor")).isEqualTo(c.monitor().kerasName());
        assertThat(Double.parseDouble(documented.get("repro.validationFraction"))).isEqualTo(c.validationFraction());
        assertThat(Integer.parseInt(documented.get("repro.trainableStages"))).isEqualTo(c.trainableStages());
        assertThat(Boolean.parseBoolean(documented.get("repro.featureCache"))).isEqualTo(c.featureCache());
        assertThat(documented.get("repro.datasetLayout")).isEqualTo(c.datasetLayout().id());
        assertThat(Boolean.parseBoolean(documented.get("repro.officialSplit"))).isEqualTo(c.officialSplit());
        assertThat(documented.get("repro.pairing")).isEqualTo(c.pairing().id());
        assertThat(documented.get("repro.claims")).isEqualTo(c.claims().id());
        assertThat(documented.get("repro.regnetVariant")).isEqualTo(c.regnetVariant());
        assertThat(documented.get("repro.mobilenetv3Variant")).isEqualTo(c.mobilenetv3Variant());
        assertThat(project.resolve(documented.get("repro.dataset"))).isEqualTo(c.dataset());
        assertThat(project.resolve(documented.get("repro.reportDir"))).isEqualTo(c.reportDir());
        assertThat(documented.get("repro.onBadImage")).isEqualTo(c.onBadImage().id());
        assertThat(Long.parseLong(documented.get("repro.maxImagePixels"))).isEqualTo(c.maxImagePixels());
        assertThat(c.decodeCache()).contains(project.resolve(documented.get("repro.decodeCache")));
        assertThat(documented.get("repro.weights")).isEqualTo("fixture fixture, paper imagenet");
        assertThat(documented.get("repro.weightsDir")).isEqualTo("none");
        assertThat(documented.get("repro.imageSize")).isEqualTo("fixture 80, paper 331");
    }

    @Test
    void everyKeyIsParsedIntoItsField() {
        ReproConfig c = parse(
                "repro.dataset", "data/kau-bcmd",
                "repro.profile", "paper",
                "repro.backbones", "regnet, NASNetMobile",
                "repro.splits", "3",
                "repro.seed", "-9000000000",
                "repro.maxEpochs", "17",
                "repro.imageSize", "128",
                "repro.reportDir", "out/../build/report",
                "repro.testFraction", "0.25",
                "repro.batchSize", "16",
                "repro.learningRate", "1e-4",
                "repro.patience", "0",
                "repro.earlyStopping", "FALSE",
                "repro.monitor", "val_loss",
                "repro.validationFraction", "0.15",
                "repro.trainableStages", "2",
                "repro.featureCache", "false",
                "repro.threads", "3",
                "repro.datasetLayout", " KAU-BCMD ",
                "repro.officialSplit", "true",
                "repro.pairing", "Independent",
                "repro.claims", "enforce",
                "repro.regnetVariant", " X016",
                "repro.mobilenetv3Variant", "Small",
                "repro.weights", "RANDOM",
                "repro.weightsDir", "data");

        assertThat(c.dataset()).isEqualTo(project.resolve("data/kau-bcmd"));
        assertThat(c.profile()).isEqualTo(Profile.PAPER);
        assertThat(c.fullSizeBackbones()).isTrue();
        assertThat(c.backbones()).containsExactly("regnet", "nasnetmobile");
        assertThat(c.splits()).isEqualTo(3);
        assertThat(c.seed()).isEqualTo(-9_000_000_000L);
        assertThat(c.maxEpochs()).isEqualTo(17);
        assertThat(c.imageSize()).as("an explicit size wins over the profile's 331").isEqualTo(128);
        assertThat(c.reportDir()).isEqualTo(project.resolve("build/report"));
        assertThat(c.testFraction()).isEqualTo(0.25);
        assertThat(c.batchSize()).isEqualTo(16);
        assertThat(c.learningRate()).isEqualTo(0.0001);
        assertThat(c.patience()).isZero();
        assertThat(c.earlyStopping()).isFalse();
        assertThat(c.monitor()).isEqualTo(Monitor.VAL_LOSS);
        assertThat(c.validationFraction()).isEqualTo(0.15);
        assertThat(c.trainableStages()).isEqualTo(2);
        assertThat(c.featureCache()).isFalse();
        assertThat(c.threads()).isEqualTo(3);
        assertThat(c.datasetLayout()).isEqualTo(DatasetLayout.KAU_BCMD);
        assertThat(c.officialSplit()).isTrue();
        assertThat(c.pairing()).isEqualTo(Pairing.INDEPENDENT);
        assertThat(c.claims()).isEqualTo(ClaimsMode.ENFORCE);
        assertThat(c.regnetVariant()).isEqualTo("x016");
        assertThat(c.mobilenetv3Variant()).isEqualTo("small");
        assertThat(c.variantOf("regnet")).contains("x016");
        assertThat(c.variantOf("mobilenetv3")).contains("small");
        assertThat(c.variantOf("resnet152")).isEmpty();
        assertThat(c.weights()).isEqualTo(BackboneWeights.RANDOM);
        assertThat(c.weightsDir()).contains(project.resolve("data"));
    }

    @Test
    void theRecordedSettingsAreEnoughToRerunTheSameConfig() {
        ReproConfig c = parse("repro.profile", "paper", "repro.learningRate", "1e-4", "repro.weights", "random",
                "repro.weightsDir", "data", "repro.backbones", "RegNet", "repro.regnetVariant", "x016");
        Map<String, String> recorded = Settings.recorded(c);

        assertThat(recorded).containsEntry("repro.weights", "random")
                .containsEntry("repro.weightsDir", project.resolve("data").toString())
                .containsEntry("repro.learningRate", "1.0E-4")
                .doesNotContainKeys("repro.reportDir", "repro.claims", "repro.decodeCache", Settings.REQUIRE_BROWSER);
        assertThat(Settings.fromMap(recorded, project)).isEqualTo(c);
        assertThat(Settings.recorded(parse())).containsEntry("repro.weights", "fixture").containsEntry("repro.weightsDir", "");
    }

    @Test
    void weightsAreRandomImageNetTheFixtureFilesOrAnH5FileInTheProject() throws IOException {
        Files.createDirectories(project.resolve("weights"));
        Path h5 = Files.writeString(project.resolve("weights/resnet152.h5"), "");

        assertThat(parse().weights()).isEqualTo(BackboneWeights.FIXTURE);
        assertThat(parse("repro.profile", "paper").weights()).isEqualTo(BackboneWeights.IMAGENET);
        assertThat(parse("repro.weights", " ImageNet ").weights()).isEqualTo(BackboneWeights.IMAGENET);
        assertThat(parse("repro.weights", "fixture", "repro.profile", "paper").weights()).isEqualTo(BackboneWeights.FIXTURE);
        assertThat(parse("repro.weights", "weights/resnet152.h5").weights()).isEqualTo(BackboneWeights.file(h5));
        assertThat(parse("repro.weights", h5.toString()).weights()).isEqualTo(BackboneWeights.file(h5));
        assertThat(parse().weightsDir()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "repro.weights    | imagenett      | does not exist",
        "repro.weights    | weights        | is not a regular file",
        "repro.weightsDir | no/such/folder | does not exist",
        "repro.weightsDir | weights/a.h5   | is not a folder"})
    void aWeightsPathThatCannotBeUsedIsRefusedNamingIt(String key, String value, String why) throws IOException {
        Files.createDirectories(project.resolve("weights"));
        Files.writeString(project.resolve("weights/a.h5"), "");

        assertThatThrownBy(() -> parse(key, value))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(key + "='" + project.resolve(value) + "'")
                .hasMessageContaining(why);
    }

    @Test
    void theDatasetMayBeTheCsvOrSpreadsheetThatListsTheImages() throws IOException {
        Files.writeString(project.resolve("data/kau-bcmd/manifest.csv"), "path,birads\n");
        Files.writeString(project.resolve("data/kau-bcmd/labels.xlsx"), "");

        assertThat(parse("repro.dataset", "data/kau-bcmd/manifest.csv").dataset())
                .isEqualTo(project.resolve("data/kau-bcmd/manifest.csv"));
        assertThat(parse("repro.dataset", "data/kau-bcmd/labels.xlsx").dataset())
                .isEqualTo(project.resolve("data/kau-bcmd/labels.xlsx"));
    }

    @Test
    void paperProfileAloneBringsItsImageSize() {
        ReproConfig c = parse("repro.profile", " Paper ");

        assertThat(c.profile()).isEqualTo(Profile.PAPER);
        assertThat(c.imageSize()).isEqualTo(331);
    }

    @Test
    void blankValuesMeanTheDefault() {
        ReproConfig c = parse("repro.splits", "   ", "repro.dataset", "", "repro.profile", "");

        assertThat(c.splits()).isEqualTo(5);
        assertThat(c.profile()).isEqualTo(Profile.FIXTURE);
        assertThat(c.dataset()).isEqualTo(project.resolve("fixtures").resolve("birads-phantoms"));
    }

    @Test
    void absoluteDatasetPathIsUsedAsGiven(@TempDir Path elsewhere) {
        ReproConfig c = parse("repro.dataset", elsewhere.toString());

        assertThat(c.dataset()).isEqualTo(elsewhere);
    }

    @Test
    void keysOutsideTheReproNamespaceAndBuildInternalsAreIgnored() {
        ReproConfig c = parse("java.version", "17", "ai.djl.offline", "true", "repro.projectDir", "/x",
                "repro.jmh.args", "-h", "reproduce", "yes");

        assertThat(c.splits()).isEqualTo(5);
    }

    @Test
    void unknownReproKeyIsRejectedListingEveryKnownKey() {
        assertThatThrownBy(() -> parse("repro.epochs", "10"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.epochs")
                .satisfies(e -> Settings.ALL.forEach(s -> assertThat(e.getMessage()).contains(s.key())));
    }

    @Test
    void misspeltKeyIsRejectedEvenWhenItsValueIsValid() {
        assertThatThrownBy(() -> parse("repro.split", "5"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("Unknown setting repro.split;");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "repro.profile            | huge",
        "repro.backbones          | vgg16",
        "repro.splits             | five",
        "repro.splits             | 0",
        "repro.splits             | 2.5",
        "repro.seed               | 4.2",
        "repro.seed               | 99999999999999999999",
        "repro.maxEpochs          | -3",
        "repro.imageSize          | big",
        "repro.imageSize          | 16",
        "repro.testFraction       | 1.5",
        "repro.testFraction       | NaN",
        "repro.testFraction       | 20%",
        "repro.batchSize          | 3.5",
        "repro.batchSize          | 0",
        "repro.learningRate       | fast",
        "repro.learningRate       | -0.1",
        "repro.learningRate       | Infinity",
        "repro.patience           | x",
        "repro.earlyStopping      | yes",
        "repro.earlyStopping      | 1",
        "repro.monitor            | val_acc",
        "repro.validationFraction | 1.0",
        "repro.validationFraction | -0.5",
        "repro.trainableStages    | 99",
        "repro.featureCache       | on",
        "repro.threads            | 0",
        "repro.threads            | many",
        "repro.pairing            | separate",
        "repro.claims             | strict",
        "repro.regnetVariant      | y800mf",
        "repro.regnetVariant      | z008",
        "repro.regnetVariant      | x016",
        "repro.mobilenetv3Variant | medium",
        "repro.dataset            | no/such/folder",
        "repro.datasetLayout      | ddsm",
        "repro.datasetLayout      | kau_bcmd",
        "repro.officialSplit      | yes",
    })
    void invalidValueIsRejectedNamingKeyAndValue(String key, String value) {
        assertThatThrownBy(() -> parse(key, value))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(key)
                .hasMessageContaining("'" + value + "'");
    }

    @Test
    void duplicateBackbonesAreRejected() {
        assertThatThrownBy(() -> parse("repro.backbones", "regnet,resnet152,regnet"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.backbones")
                .hasMessageContaining("'regnet'")
                .hasMessageContaining("once");
    }

    @Test
    void unknownBackboneInAListIsNamed() {
        assertThatThrownBy(() -> parse("repro.backbones", "regnet,resnet50"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.backbones")
                .hasMessageContaining("'resnet50'");
    }

    @Test
    void missingDatasetFolderIsRejectedWithTheResolvedPath() {
        assertThatThrownBy(() -> parse("repro.dataset", "nowhere"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.dataset='nowhere'")
                .hasMessageContaining(project.resolve("nowhere").toAbsolutePath().toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void datasetThatIsAFileIsRejected() throws IOException {
        Files.writeString(project.resolve("images.zip"), "not a folder");

        assertThatThrownBy(() -> parse("repro.dataset", "images.zip"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.dataset='images.zip'")
                .hasMessageContaining("is not a folder");
    }

    @Test
    void settingKeysAreUniqueAndAllInTheReproNamespace() {
        assertThat(Settings.ALL).extracting(Setting::key).doesNotHaveDuplicates()
                .allSatisfy(k -> assertThat(k).startsWith("repro."));
        assertThat(Settings.ALL).allSatisfy(s -> assertThat(s.description()).isNotBlank());
    }

    @Test
    void badImagePolicyPixelLimitAndDecodeCacheAreParsed() {
        ReproConfig c = parse("repro.onBadImage", " SKIP ", "repro.maxImagePixels", "25000000",
                "repro.decodeCache", "cache/decoded");
        assertThat(c.onBadImage()).isEqualTo(BadImagePolicy.SKIP);
        assertThat(c.maxImagePixels()).isEqualTo(25_000_000L);
        assertThat(c.decodeCache()).contains(project.resolve("cache/decoded"));
        assertThat(parse("repro.decodeCache", "off").decodeCache()).isEmpty();
        assertThat(c.toBuilder().build()).isEqualTo(c);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "repro.onBadImage    | ignore | fail or skip",
        "repro.maxImagePixels | 3     | an integer from 4",
        "repro.maxImagePixels | 5e7   | an integer",
        "repro.maxImagePixels | 9999999999 | the largest Java array"})
    void invalidBadImageSettingsNameTheKeyAndValue(String key, String value, String expected) {
        assertThatThrownBy(() -> parse(key, value))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(key + "='" + value + "'")
                .hasMessageContaining(expected);
    }

    @Test
    void theBrowserTestSwitchIsKnownButConfiguresNothing() {
        assertThat(parse(Settings.REQUIRE_BROWSER, "true")).isEqualTo(parse());
        assertThatThrownBy(() -> parse("repro.requireBrowsers", "true")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("Unknown setting repro.requireBrowsers");
    }
}
