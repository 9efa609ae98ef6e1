package org.biradsrepro.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReproConfigBuilderTest {

    private static final Path DATA = Path.of("some", "dataset");

    private static ReproConfig.Builder fixture() {
        return ReproConfig.builder(Profile.FIXTURE).dataset(DATA);
    }

    @Test
    void fixtureProfileDefaultsAreTable1WithSmallImagesAndNetworks() {
        ReproConfig c = fixture().build();

        assertThat(c.profile()).isEqualTo(Profile.FIXTURE);
        assertThat(c.dataset()).isEqualTo(DATA);
        assertThat(c.backbones()).containsExactlyElementsOf(ReproConfig.PAPER_BACKBONES);
        assertThat(c.splits()).isEqualTo(5);
        assertThat(c.seed()).isEqualTo(42L);
        assertThat(c.maxEpochs()).isEqualTo(200);
        assertThat(c.imageSize()).isEqualTo(80);
        assertThat(c.fullSizeBackbones()).isFalse();
        assertThat(c.testFraction()).isEqualTo(0.2);
        assertThat(c.batchSize()).isEqualTo(32);
        assertThat(c.learningRate()).isEqualTo(0.001);
        assertThat(c.patience()).isEqualTo(5);
        assertThat(c.earlyStopping()).isTrue();
        assertThat(c.monitor()).isEqualTo(Monitor.LOSS);
        assertThat(c.validationFraction()).isEqualTo(0.1);
        assertThat(c.trainableStages()).isZero();
        assertThat(c.featureCache()).isTrue();
        assertThat(c.featureBatch()).isEqualTo(32);
        assertThat(c.threads()).isEqualTo(2);
        assertThat(c.reportDir()).isEqualTo(Path.of("reports"));
    }

    @Test
    void paperProfileUses331PixelImagesAndFullSizeNetworks() {
        ReproConfig c = ReproConfig.builder(Profile.PAPER).dataset(DATA).build();

        assertThat(c.imageSize()).isEqualTo(331);
        assertThat(c.maxEpochs()).isEqualTo(200);
        assertThat(c.fullSizeBackbones()).isTrue();
        assertThat(c.featureBatch()).as("the measured best for full-size networks at 331 px on the CPU").isEqualTo(8);
    }

    @Test
    void missingDatasetIsRejectedNamingTheSetting() {
        assertThatThrownBy(() -> ReproConfig.builder(Profile.FIXTURE).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.dataset");
    }

    @Test
    void backboneIdsAreTrimmedAndLowerCasedKeepingTheirOrder() {
        ReproConfig c = fixture().backbones(List.of(" NASNetMobile", "RegNet ", "resnet152")).build();

        assertThat(c.backbones()).containsExactly("nasnetmobile", "regnet", "resnet152");
    }

    @Test
    void everyPaperBackboneIsAccepted() {
        ReproConfig c = fixture().backbones(List.of("regnet", "resnet152", "mobilenetv3", "inceptionv3",
                "nasnetlarge", "nasnetmobile")).build();

        assertThat(c.backbones()).hasSize(6);
    }

    @Test
    void unknownBackboneIsRejectedListingTheKnownIds() {
        assertThatThrownBy(() -> fixture().backbones(List.of("resnet152", "vgg16")).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.backbones")
                .hasMessageContaining("'vgg16'")
                .hasMessageContaining("regnet,resnet152,mobilenetv3,inceptionv3,nasnetlarge,nasnetmobile");
    }

    @Test
    void duplicateBackboneIsRejectedEvenWhenSpelledDifferently() {
        assertThatThrownBy(() -> fixture().backbones(List.of("regnet", "resnet152", "RegNet")).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.backbones")
                .hasMessageContaining("'RegNet'")
                .hasMessageContaining("once");
    }

    @Test
    void emptyBackboneListIsRejected() {
        assertThatThrownBy(() -> fixture().backbones(List.of()).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.backbones")
                .hasMessageContaining("at least one");
    }

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                bad("repro.splits", "0", b -> b.splits(0)),
                bad("repro.splits", "101", b -> b.splits(101)),
                bad("repro.maxEpochs", "0", b -> b.maxEpochs(0)),
                bad("repro.imageSize", "31", b -> b.imageSize(31)),
                bad("repro.imageSize", "2049", b -> b.imageSize(2049)),
                bad("repro.batchSize", "0", b -> b.batchSize(0)),
                bad("repro.patience", "-1", b -> b.patience(-1)),
                bad("repro.trainableStages", "-1", b -> b.trainableStages(-1)),
                bad("repro.trainableStages", "17", b -> b.trainableStages(17)),
                bad("repro.threads", "0", b -> b.threads(0)),
                bad("repro.regnetVariant", "null", b -> b.regnetVariant(null)),
                bad("repro.regnetVariant", "y800mf", b -> b.regnetVariant("y800mf")),
                bad("repro.mobilenetv3Variant", "", b -> b.mobilenetv3Variant("")),
                bad("repro.testFraction", "0.0", b -> b.testFraction(0)),
                bad("repro.testFraction", "1.0", b -> b.testFraction(1)),
                bad("repro.testFraction", "NaN", b -> b.testFraction(Double.NaN)),
                bad("repro.validationFraction", "0.0", b -> b.validationFraction(0)),
                bad("repro.validationFraction", "1.5", b -> b.validationFraction(1.5)),
                bad("repro.learningRate", "0.0", b -> b.learningRate(0)),
                bad("repro.learningRate", "-0.001", b -> b.learningRate(-0.001)),
                bad("repro.learningRate", "NaN", b -> b.learningRate(Double.NaN)),
                bad("repro.learningRate", "Infinity", b -> b.learningRate(Double.POSITIVE_INFINITY)));
    }

    private static Arguments bad(String key, String shown, UnaryOperator<ReproConfig.Builder> change) {
        return Arguments.of(key, shown, change);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("outOfRange")
    void outOfRangeValueIsRejectedNamingKeyAndValue(String key, String shown, UnaryOperator<ReproConfig.Builder> change) {
        assertThatThrownBy(() -> change.apply(fixture()).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(key + "='" + shown + "'");
    }

    @Test
    void boundaryValuesAreAccepted() {
        ReproConfig low = fixture().splits(1).maxEpochs(1).imageSize(32).batchSize(1).patience(0)
                .trainableStages(0).threads(1).testFraction(0.01).validationFraction(0.99).build();
        ReproConfig high = fixture().splits(100).imageSize(2048).trainableStages(16).build();

        assertThat(low.splits()).isEqualTo(1);
        assertThat(low.imageSize()).isEqualTo(32);
        assertThat(low.patience()).isZero();
        assertThat(high.splits()).isEqualTo(100);
        assertThat(high.imageSize()).isEqualTo(2048);
        assertThat(high.trainableStages()).isEqualTo(16);
    }

    @Test
    void toBuilderRebuildsAnEqualConfigAndDerivesVariants() {
        // The fixture profile at full size: a RegNet variant other than the default is built at full size only.
        ReproConfig original = ReproConfig.builder(Profile.FIXTURE).dataset(DATA).backbones(List.of("regnet", "inceptionv3"))
                .splits(3).seed(7).maxEpochs(9).imageSize(99).reportDir(Path.of("out")).testFraction(0.3)
                .batchSize(8).learningRate(0.01).patience(2).earlyStopping(false).monitor(Monitor.VAL_LOSS)
                .validationFraction(0.2).trainableStages(1).featureCache(false).fullSizeBackbones(true).threads(4)
                .datasetLayout(org.biradsrepro.data.DatasetLayout.VINDR).officialSplit(true)
                .regnetVariant("x080").mobilenetv3Variant("small").weights(BackboneWeights.RANDOM)
                .weightsDir(Path.of("src")).build();


        assertThat(original.toBuilder().build()).isEqualTo(original);
        ReproConfig variant = original.toBuilder().seed(8).build();
        assertThat(variant.seed()).isEqualTo(8);
        assertThat(variant).isNotEqualTo(original);
        assertThat(variant.backbones()).isEqualTo(original.backbones());
        assertThat(variant.weights()).isEqualTo(BackboneWeights.RANDOM);
        assertThat(variant.weightsDir()).contains(Path.of("src"));
        assertThat(variant.fullSizeBackbones()).isTrue();
    }

    @Test
    void aRegNetVariantOtherThanTheDefaultIsRefusedAtFixtureScaleNamingSettingAndValue() {
        assertThatThrownBy(() -> fixture().regnetVariant("x016").build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.regnetVariant='x016'")
                .hasMessageContaining("y008 at fixture scale")
                .hasMessageContaining("repro.profile=paper");
        assertThat(fixture().regnetVariant(" Y008 ").build().regnetVariant()).isEqualTo("y008");
        assertThat(fixture().fullSizeBackbones(true).regnetVariant("x016").build().variantOf("regnet")).contains("x016");
        assertThat(ReproConfig.builder(Profile.PAPER).dataset(DATA).regnetVariant("x016").build().regnetVariant())
                .isEqualTo("x016");
    }

    @Test
    void bothMobileNetV3SizesAreBuiltAtFixtureScale() {
        assertThat(fixture().mobilenetv3Variant("small").build().variantOf("mobilenetv3")).contains("small");
    }

    @Test
    void weightsDefaultToTheFixtureFilesInTheFixtureProfileAndImageNetInThePaperProfile() {
        ReproConfig fixture = fixture().build();
        ReproConfig paper = ReproConfig.builder(Profile.PAPER).dataset(DATA).build();

        assertThat(fixture.weights()).isEqualTo(BackboneWeights.FIXTURE);
        assertThat(paper.weights()).isEqualTo(BackboneWeights.IMAGENET);
        assertThat(fixture.weightsDir()).isEmpty();
        assertThat(fixture().weightsDir(null).build().weightsDir()).isEmpty();
    }

    @Test
    void aWeightsFileThatIsMissingOrNotARegularFileIsRefusedNamingIt(@TempDir Path tmp) throws IOException {
        Path missing = tmp.resolve("no-such.h5");
        assertThatThrownBy(() -> fixture().weights(BackboneWeights.file(missing)).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.weights='" + missing + "'")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> fixture().weights(BackboneWeights.file(tmp)).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.weights='" + tmp + "'")
                .hasMessageContaining("is not a regular file");

        Path h5 = Files.writeString(tmp.resolve("resnet152.h5"), "");
        assertThat(fixture().weights(BackboneWeights.file(h5)).build().weights().file()).contains(h5);
    }

    @Test
    void aWeightsFolderMustBeAnExistingFolder(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("weights.h5"), "");
        assertThatThrownBy(() -> fixture().weightsDir(tmp.resolve("absent")).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.weightsDir='" + tmp.resolve("absent") + "'")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> fixture().weightsDir(file).build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("repro.weightsDir='" + file + "'")
                .hasMessageContaining("is not a folder");
        assertThat(fixture().weightsDir(tmp).build().weightsDir()).contains(tmp);
    }

    @Test
    void backboneListCannotBeChangedAfterBuilding() {
        ReproConfig c = fixture().build();

        assertThatThrownBy(() -> c.backbones().add("regnet")).isInstanceOf(UnsupportedOperationException.class);
    }
}
