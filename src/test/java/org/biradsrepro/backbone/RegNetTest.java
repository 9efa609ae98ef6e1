package org.biradsrepro.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.biradsrepro.backbone.BackboneChecks.count;
import static org.biradsrepro.backbone.BackboneChecks.featureMapShape;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.biradsrepro.config.ReproConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RegNet against independent counts: {@code fixtures/backbones/regnet_counts.csv}, written by
 * {@code make_regnet_counts.py} from Keras' table with a closed-form count that the script first checks against
 * torchvision's 14 published {@code num_params}; where Keras' and torchvision's designs coincide, the published
 * number itself is compared.
 */
class RegNetTest {

    private static final Path COUNTS = Path.of("fixtures", "backbones", "regnet_counts.csv");
    private static final RegNet.Design Y008 = RegNet.design("y008");

    static Stream<Arguments> referenceCounts() throws IOException {
        List<String> lines = Files.readAllLines(COUNTS);
        assertThat(lines.get(0)).startsWith("keras_key,total_with_running_stats,trainable,feature_width");
        return lines.stream().skip(1).map(l -> l.split(",", -1)).map(f -> Arguments.of(f[0], Long.parseLong(f[1]),
                Long.parseLong(f[2]), Integer.parseInt(f[3]), f[4], f[5].isEmpty() ? -1L : Long.parseLong(f[5])));
    }

    @ParameterizedTest(name = "{0}: {1} values, {2} trainable, {3} features {4}")
    @MethodSource("referenceCounts")
    void fullSizeCountsWithImagenetTopEqualTheReference(String key, long total, long trainable, int width,
                                                        String torchvisionModel, long torchvisionParams) {
        Backbone b = RegNet.build(RegNet.design(key));
        BackboneChecks.Counts c = count(b.withClassifier(1000), new Shape(1, 3, 32, 32));
        assertThat(c.total()).isEqualTo(total);
        assertThat(c.trainable()).isEqualTo(trainable);
        if (!torchvisionModel.isEmpty()) {
            assertThat(c.trainable()).as("torchvision " + torchvisionModel).isEqualTo(torchvisionParams);
        }
        assertThat(b.featureWidth()).isEqualTo(width);
    }

    @Test
    void referenceCoversEveryKerasDesignAndTheSettingsListTheSameNames() throws IOException {
        assertThat(referenceCounts().map(a -> (String) a.get()[0]).toList())
                .containsExactlyElementsOf(RegNet.DESIGNS.keySet())
                .containsExactlyElementsOf(ReproConfig.REGNET_VARIANTS);
        assertThat(BackboneRegistry.require("regnet").variants()).containsExactlyInAnyOrderElementsOf(ReproConfig.REGNET_VARIANTS)
                .first().isEqualTo("y008");
    }

    @Test
    void defaultIsKerasRegNetY008() {
        Backbone b = BackboneRegistry.build("regnet", true);
        assertThat(b.variant()).isEqualTo("regnety008");
        // Keras' table (pycls rounding): 64-128-320-768, not torchvision's 64-144-320-784
        assertThat(b.featureWidth()).isEqualTo(768);
        assertThat(count(b.withClassifier(1000), new Shape(1, 3, 224, 224)).total()).isEqualTo(6_293_056L);
        assertThat(b.defaultInputSize()).isEqualTo(224);
        assertThat(b.minInputSize()).isEqualTo(32);
        assertThat(b.scaling()).as("the PreStem rescales inside").isEqualTo(InputScaling.NONE);
    }

    @Test
    void preStemHasNoWeights() {
        // 3x3x3x32 stem kernel (no bias) and the stem BatchNorm's four vectors: nothing for the rescaling
        Backbone b = RegNet.build(Y008);
        assertThat(count(b.stem(), new Shape(1, 3, 64, 64)).total()).isEqualTo(3 * 3 * 3 * 32 + 4 * 32);
    }

    @ParameterizedTest(name = "{0} at {1}x{1}: {2}x{2}")
    @CsvSource({"y008, 224, 7", "y008, 331, 11", "y008, 32, 1", "y008, 80, 3", "x002, 224, 7", "x080, 331, 11", "x080, 32, 1"})
    void outputShapesFollowTensorFlowPadding(String key, int input, int last) {
        BackboneChecks.assertOutputShapes(RegNet.build(RegNet.design(key)), input, last);
    }

    @Test
    void stagesAndLayersCarryKerasNames() {
        Backbone b = RegNet.build(Y008);
        assertThat(b.stages()).extracting(Backbone.Stage::name)
                .containsExactly("regnety008_Stage_0", "regnety008_Stage_1", "regnety008_Stage_2", "regnety008_Stage_3");
        assertThat(b.stages().get(2).block().getChildren().keys()).hasSize(8);
        assertThat(BackboneChecks.layerNames(b.withClassifier(1000))).contains(
                "regnety008_prestem_rescaling", "regnety008_stem_conv", "regnety008_stem_bn", "regnety008_stem_relu",
                "regnety008_Stage_0_YBlock_0_conv_1x1_1", "regnety008_Stage_0_YBlock_0_conv_1x1_1_bn",
                "regnety008_Stage_0_YBlock_0_conv_3x3", "regnety008_Stage_0_YBlock_0_conv_3x3_bn",
                "regnety008_Stage_0_YBlock_0_squeeze_and_excite_squeeze", "regnety008_Stage_0_YBlock_0_squeeze_and_excite_excite",
                "regnety008_Stage_0_YBlock_0_conv_1x1_2", "regnety008_Stage_0_YBlock_0_conv_1x1_2_bn",
                "regnety008_Stage_0_YBlock_0_skip_1x1", "regnety008_Stage_0_YBlock_0_skip_bn",
                "regnety008_Stage_3_YBlock_1_conv_1x1_2", "head_dense")
                .doesNotContain("regnety008_Stage_1_YBlock_1_skip_1x1");
        assertThat(BackboneChecks.layerNames(RegNet.build(RegNet.design("x004")).stages().get(3).block()))
                .contains("regnetx004_Stage_3_XBlock_11_conv_3x3").noneMatch(n -> n.contains("squeeze"));
    }

    @Test
    void strideTwoLayersSeeTensorFlowsSplitWithTheExtraRowAtTheBottom() {
        Block net = RegNet.build(Y008).withClassifier(1000);
        // 'same' 3x3 stride 2 on an even side: nothing on top, one row at the bottom; on an odd side one each
        for (String pad : List.of("regnety008_stem_conv_pad", "regnety008_Stage_1_YBlock_0_conv_3x3_pad")) {
            float[][] even = BackboneChecks.padOnes(BackboneChecks.find(net, pad).orElseThrow(), 56, 56);
            assertThat(even).as(pad).hasNumberOfRows(57);
            assertThat(even[0][0]).as(pad).isEqualTo(1f);
            assertThat(even[56]).as(pad).containsOnly(0f);
            assertThat(even[0][56]).as(pad).isZero();
            float[][] odd = BackboneChecks.padOnes(BackboneChecks.find(net, pad).orElseThrow(), 55, 55);
            assertThat(odd).as(pad).hasNumberOfRows(57);
            assertThat(odd[0]).as(pad).containsOnly(0f);
            assertThat(odd[56]).as(pad).containsOnly(0f);
        }
    }

    @Test
    void groupWidthWiderThanTheStageFallsBackToOneGroupAsKerasDoes() {
        // x080: stage 0 is 80 wide with group width 120; Keras' Conv2D turns groups=0 into a dense 3x3
        BackboneChecks.Counts c = count(RegNet.build(RegNet.design("x080")).stages().get(0).block(), new Shape(1, 32, 56, 56));
        long bn = 4 * 80;
        long firstBlock = (32 * 80 + bn) + (3 * 3 * 80 * 80 + bn) + (80 * 80 + bn) + (32 * 80 + bn);
        long secondBlock = (80 * 80 + bn) + (3 * 3 * 80 * 80 + bn) + (80 * 80 + bn);
        assertThat(c.total()).isEqualTo(firstBlock + secondBlock);
        assertThatThrownBy(() -> RegNet.design("y800mf")).hasMessageContaining("x002").hasMessageContaining("y320");
    }

    @Test
    void fixtureIsTheSmallestDesignOfTheChosenTypeWithOneBlockPerStage() {
        Backbone y = BackboneRegistry.build("regnet", false);
        assertThat(y.variant()).isEqualTo("regnety002-fixture");
        assertThat(y.stages()).hasSize(4).allSatisfy(s -> assertThat(s.block().getChildren().size()).isOne());
        assertThat(y.featureWidth()).isEqualTo(368);
        Backbone x = RegNet.build(RegNet.fixture(RegNet.BlockType.X));
        assertThat(BackboneChecks.layerNames(x.stem())).first().isEqualTo("regnetx002_prestem_rescaling");
        assertThat(BackboneRegistry.build("regnet", "x160", true).variant()).isEqualTo("regnetx160");
    }

    @Test
    void anotherVariantThanTheDefaultIsRefusedAtFixtureScaleRatherThanReplaced() {
        assertThatThrownBy(() -> BackboneRegistry.build("regnet", "x160", false))
                .hasMessageContaining("repro.regnetVariant='x160'").hasMessageContaining("y008");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"regnet", "mobilenetv3"})
    void fixtureScaleBuildsExactlyTheVariantsTheConfigAccepts(String family) {
        for (String v : BackboneRegistry.require(family).variants()) {
            boolean accepted = ReproConfig.FIXTURE_VARIANTS.get(family).contains(v);
            if (accepted) {
                assertThat(BackboneRegistry.build(family, v, false).variant()).endsWith("-fixture");
            } else {
                assertThatThrownBy(() -> BackboneRegistry.build(family, v, false)).as(v).hasMessageContaining("'" + v + "'");
            }
        }
    }

    @Test
    void fixtureForwardIsFiniteAndGradientsReachTheTrainableTopButNeverTheFrozenPart() {
        TransferNetwork net = TransferNetwork.of(RegNet.build(RegNet.fixture(RegNet.BlockType.Y)), 1, 6);
        assertThat(net.frozenStages()).containsExactly("regnety002_Stage_0", "regnety002_Stage_1", "regnety002_Stage_2");
        assertThat(net.trainableStages()).containsExactly("regnety002_Stage_3");
        BackboneChecks.assertFiniteAndGradientsStopAtTheFrozenPart(net, 80);
    }
}
