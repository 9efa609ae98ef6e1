package org.biradsrepro.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.biradsrepro.backbone.BackboneChecks.count;
import static org.biradsrepro.backbone.BackboneChecks.featureMapShape;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.Arrays;
import org.biradsrepro.config.ReproConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** MobileNetV3 against Keras Applications' and torchvision's published sizes, its padding, names and freezing. */
class MobileNetV3Test {

    private static final MobileNetV3.Variant LARGE = MobileNetV3.Variant.of(MobileNetV3.Size.LARGE);
    private static final MobileNetV3.Variant SMALL = MobileNetV3.Variant.of(MobileNetV3.Size.SMALL);

    /**
     * Keras' {@code MobileNetV3Large/Small(weights=None).count_params()} (BatchNorm moving statistics included) and
     * torchvision's {@code mobilenet_v3_large/small} {@code num_params} (trainable only; same architecture, 1000-class
     * top with biased 1x1 convs as Linear layers).
     */
    @ParameterizedTest(name = "{0}: {1} values, {2} trainable, {3} features")
    @CsvSource({"LARGE, 5507432, 5483032, 960", "SMALL, 2554968, 2542856, 576"})
    void fullSizeCountsWithImagenetTopEqualKerasAndTorchvision(MobileNetV3.Size size, long keras, long torchvision, int width) {
        Backbone b = MobileNetV3.build(MobileNetV3.Variant.of(size));
        BackboneChecks.Counts c = count(b.withClassifier(1000), new Shape(1, 3, 224, 224));
        assertThat(c.total()).isEqualTo(keras);
        assertThat(c.trainable()).isEqualTo(torchvision);
        assertThat(b.featureWidth()).isEqualTo(width);
        assertThat(featureMapShape(b, 1, 224).get(1)).isEqualTo(width);
        assertThat(b.defaultInputSize()).isEqualTo(224);
        assertThat(b.minInputSize()).isEqualTo(32);
        assertThat(b.scaling()).as("the model rescales inside").isEqualTo(InputScaling.NONE);
    }

    /** Expected values worked by hand from Keras' {@code _depth(v) = max(8, int(v + 4) // 8 * 8)}, +8 if below 0.9 v. */
    @ParameterizedTest(name = "_depth({0}) = {1}")
    @CsvSource({"16, 16", "12, 16", "18, 24", "4, 8", "72, 72", "88, 88", "200, 200", "184, 184", "40, 40", "960, 960",
            "10, 16", "27.6, 32", "0.5, 8"})
    void depthRoundsLikeKeras(double v, int expected) {
        assertThat(MobileNetV3.depth(v)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} at {1}x{1}: {2}x{2}")
    @CsvSource({"LARGE, 224, 7", "LARGE, 331, 11", "LARGE, 32, 1", "LARGE, 80, 3", "SMALL, 224, 7", "SMALL, 331, 11", "SMALL, 32, 1"})
    void outputShapesFollowTensorFlowPadding(MobileNetV3.Size size, int input, int last) {
        BackboneChecks.assertOutputShapes(MobileNetV3.build(MobileNetV3.Variant.of(size)), input, last);
    }

    @Test
    void stagesGroupBlocksByOutputStrideWithTheLastConvInTheTopStage() {
        Backbone large = MobileNetV3.build(LARGE);
        assertThat(large.stages()).extracting(Backbone.Stage::name)
                .containsExactly("stride2", "stride4", "stride8", "stride16", "stride32");
        assertThat(BackboneChecks.layerNames(large.stages().get(0).block())).first().isEqualTo("expanded_conv");
        assertThat(large.stages().get(3).block().getChildren().keys()).hasSize(6)
                .first().asString().endsWith("expanded_conv_6");
        assertThat(large.stages().get(4).block().getChildren().keys()).extracting(k -> k.substring(2))
                .containsExactly("expanded_conv_12", "expanded_conv_13", "expanded_conv_14", "conv_1", "conv_1_bn",
                        "conv_1_hard_swish");
        Backbone small = MobileNetV3.build(SMALL);
        assertThat(small.stages()).extracting(Backbone.Stage::name).containsExactly("stride4", "stride8", "stride16", "stride32");
        // feature-map side per stage at 224: 56, 28, 14, 7
        Shape[] shape = small.stem().getOutputShapes(new Shape[] {new Shape(1, 3, 224, 224)});
        int[] sides = new int[4];
        for (int i = 0; i < 4; i++) {
            shape = small.stages().get(i).block().getOutputShapes(shape);
            sides[i] = (int) shape[0].get(2);
        }
        assertThat(sides).containsExactly(56, 28, 14, 7);
    }

    @Test
    void layersCarryKerasNames() {
        Block net = MobileNetV3.build(LARGE).withClassifier(1000);
        assertThat(BackboneChecks.layerNames(net)).contains(
                "rescaling", "conv", "conv_bn",
                "expanded_conv_depthwise", "expanded_conv_depthwise_bn", "expanded_conv_project", "expanded_conv_project_bn",
                "expanded_conv_1_expand", "expanded_conv_1_expand_bn", "expanded_conv_1_depthwise_pad",
                "expanded_conv_1_depthwise", "expanded_conv_1_project_bn",
                "expanded_conv_3_squeeze_excite_avg_pool", "expanded_conv_3_squeeze_excite_conv",
                "expanded_conv_3_squeeze_excite_conv_1", "expanded_conv_14_project_bn",
                "conv_1", "conv_1_bn", "conv_2", "logits")
                .doesNotContain("expanded_conv_expand", "expanded_conv_0_depthwise", "expanded_conv_2_depthwise_pad");
    }

    @Test
    void residualAddsOnlyWhereStrideIsOneAndWidthUnchanged() {
        Backbone large = MobileNetV3.build(LARGE);
        // block 0 (16 -> 16, stride 1) adds; block 1 (stride 2) and block 3 (24 -> 40) do not; block 2 does
        assertThat(BackboneChecks.find(large.stages().get(0).block(), "expanded_conv").orElseThrow()).isInstanceOf(Residual.class);
        assertThat(BackboneChecks.find(large.stages().get(1).block(), "expanded_conv_1").orElseThrow()).isNotInstanceOf(Residual.class);
        assertThat(BackboneChecks.find(large.stages().get(1).block(), "expanded_conv_2").orElseThrow()).isInstanceOf(Residual.class);
        assertThat(BackboneChecks.find(large.stages().get(2).block(), "expanded_conv_3").orElseThrow()).isNotInstanceOf(Residual.class);
    }

    @Test
    void strideTwoLayersSeeTensorFlowsSplitWithTheExtraRowAtTheBottom() {
        Block net = MobileNetV3.build(LARGE).withClassifier(1000);
        // stem conv 'same' 3x3 stride 2 on 224: nothing on top, one row at the bottom
        float[][] stem = BackboneChecks.padOnes(BackboneChecks.find(net, "conv_pad").orElseThrow(), 224, 224);
        assertThat(stem).hasNumberOfRows(225);
        assertThat(stem[0][0]).isEqualTo(1f);
        assertThat(stem[224]).containsOnly(0f);
        // correct_pad(5) before the 5x5 stride-2 depthwise of block 3 on an even 56: 1 on top, 2 at the bottom
        float[][] dw = BackboneChecks.padOnes(BackboneChecks.find(net, "expanded_conv_3_depthwise_pad").orElseThrow(), 56, 56);
        assertThat(dw).hasNumberOfRows(59);
        assertThat(dw[0]).containsOnly(0f);
        assertThat(dw[1][1]).isEqualTo(1f);
        assertThat(dw[57]).containsOnly(0f);
        assertThat(dw[58]).containsOnly(0f);
        assertThat(Arrays.copyOfRange(dw[1], 0, 1)).containsOnly(0f);
        assertThat(Arrays.copyOfRange(dw[1], 57, 59)).containsOnly(0f);
    }

    @Test
    void fixtureIsTheSameDesignAtAQuarterWidth() {
        MobileNetV3.Variant fixture = MobileNetV3.Variant.fixture(MobileNetV3.Size.LARGE);
        Backbone b = MobileNetV3.build(fixture);
        assertThat(b.variant()).isEqualTo("mobilenetv3large-alpha0.25-fixture");
        assertThat(b.featureWidth()).isEqualTo(240);
        assertThat(b.stages()).hasSize(5);
        // the Keras layer count for alpha 0.25 follows from the same _depth rounding: 1,843,824 with a 1000-class top
        assertThat(count(b.withClassifier(1000), new Shape(1, 3, 80, 80)).total()).isEqualTo(1_843_824L);
        assertThatThrownBy(() -> new MobileNetV3.Variant("x", MobileNetV3.Size.SMALL, 0)).hasMessageContaining("alpha");
    }

    @Test
    void fixtureForwardIsFiniteAndGradientsReachTheTrainableTopButNeverTheFrozenPart() {
        TransferNetwork net = TransferNetwork.of(MobileNetV3.build(MobileNetV3.Variant.fixture(MobileNetV3.Size.LARGE)), 1, 6);
        assertThat(net.frozenStages()).containsExactly("stride2", "stride4", "stride8", "stride16");
        assertThat(net.trainableStages()).containsExactly("stride32");
        BackboneChecks.assertFiniteAndGradientsStopAtTheFrozenPart(net, 80);
    }

    @Test
    void registryBuildsTheChosenSizeAndNamesItInTheVariant() {
        assertThat(BackboneRegistry.build("mobilenetv3", true).variant()).isEqualTo("mobilenetv3large");
        assertThat(BackboneRegistry.build("mobilenetv3", "small", true).variant()).isEqualTo("mobilenetv3small");
        assertThat(BackboneRegistry.build("mobilenetv3", "small", false).variant()).isEqualTo("mobilenetv3small-alpha0.25-fixture");
        assertThat(BackboneRegistry.require("mobilenetv3").variants()).isEqualTo(ReproConfig.MOBILENETV3_VARIANTS);
        assertThatThrownBy(() -> BackboneRegistry.build("mobilenetv3", "medium", true)).hasMessageContaining("large, small");
    }
}
