package org.biradsrepro.backbone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** NASNet-A against Keras Applications' published figures and its own arithmetic, and the two-tensor freezing. */
class NASNetTest {

    private static long count(Block block, Shape input) {
        try (NDManager m = NDManager.newBaseManager()) {
            block.setInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT);
            block.initialize(m, DataType.FLOAT32, input);
            return block.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
        }
    }

    private static NASNet.Variant variant(String name) {
        return switch (name) {
            case "large" -> NASNet.LARGE;
            case "mobile" -> NASNet.MOBILE;
            case "large-fixture" -> NASNet.LARGE_FIXTURE;
            case "mobile-fixture" -> NASNet.MOBILE_FIXTURE;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}: {1} parameters, width {2}, default input {3}")
    @CsvSource({"large, 88949818, 4032, 331", "mobile, 5326716, 1056, 224"})
    void fullSizeParameterCountWithImagenetTopEqualsKeras(String name, long params, int width, int size) {
        // keras.applications.NASNetLarge / NASNetMobile(weights=None).count_params(), moving statistics included
        Backbone b = NASNet.build(variant(name));
        assertThat(count(b.withClassifier(1000), new Shape(1, 3, size, size))).isEqualTo(params);
        assertThat(b.featureWidth()).isEqualTo(width);
        assertThat(b.defaultInputSize()).isEqualTo(size);
        assertThat(b.minInputSize()).isEqualTo(32);
        assertThat(b.scaling()).isEqualTo(InputScaling.TF);
    }

    /**
     * Sizes by Keras' arithmetic: stem 3x3 stride 2 'valid' gives (n-3)/2+1; each reduction cell pads with
     * correct_pad and halves, rounding up: 331 -> 165 -> 83 -> 42 -> 21 -> 11; 224 -> 111 -> 56 -> 28 -> 14 -> 7;
     * 32 -> 15 -> 8 -> 4 -> 2 -> 1.
     */
    @ParameterizedTest(name = "{0} at {1}x{1}: last cells {2}x{2}")
    @CsvSource({"large, 331, 11", "large, 224, 7", "large, 32, 1", "mobile, 224, 7", "mobile, 331, 11",
        "mobile, 32, 1", "large-fixture, 80, 3", "mobile-fixture, 80, 3"})
    void outputShapesFollowKerasPadding(String name, int size, int last) {
        Backbone b = NASNet.build(variant(name));
        Shape[] shape = b.stem().getOutputShapes(new Shape[] {new Shape(1, 3, size, size)});
        for (Backbone.Stage s : b.stages()) {
            shape = s.block().getOutputShapes(shape);
        }
        assertThat(shape).containsExactly(new Shape(1, b.featureWidth(), last, last));
        assertThat(b.withClassifier(1000).getOutputShapes(new Shape[] {new Shape(2, 3, size, size)}))
                .containsExactly(new Shape(2, 1000));
    }

    @Test
    void twoTensorsFlowBetweenStagesWithKerasWidths() {
        // NASNetLarge at 331: filters 168; stem cells 42 and 84 wide (x4 concat), normal cells 6x, reductions 4x.
        Backbone b = NASNet.build(NASNet.LARGE);
        Shape[] stem = b.stem().getOutputShapes(new Shape[] {new Shape(1, 3, 331, 331)});
        assertThat(stem).containsExactly(new Shape(1, 336, 42, 42), new Shape(1, 168, 83, 83));
        Shape[] cells1 = b.stages().get(0).block().getOutputShapes(stem);
        assertThat(cells1).containsExactly(new Shape(1, 1008, 42, 42), new Shape(1, 1008, 42, 42));
        Shape[] cells2 = b.stages().get(1).block().getOutputShapes(cells1);
        assertThat(cells2).containsExactly(new Shape(1, 2016, 21, 21), new Shape(1, 2016, 21, 21));
    }

    @Test
    void stagesAndCellsCarryKerasNames() {
        Backbone b = NASNet.build(NASNet.MOBILE);
        assertThat(b.stages()).extracting(Backbone.Stage::name).containsExactly("cells_1", "cells_2", "cells_3");
        assertThat(childNames(b.stem())).containsExactly("stem_conv1", "stem_bn1", "stem_1", "stem_2");
        // NASNetMobile (4 blocks): cells 0-3, reduce_4, 5-8, reduce_8, 9-12
        assertThat(childNames(b.stages().get(0).block())).containsExactly("0", "1", "2", "3");
        assertThat(childNames(b.stages().get(1).block())).containsExactly("reduce_4", "5", "6", "7", "8");
        assertThat(childNames(b.stages().get(2).block())).containsExactly("reduce_8", "9", "10", "11", "12", "final_relu");
    }

    @Test
    void weightLayersAreUniqueAndNamedAsInKeras() {
        Map<String, Block> layers = weightLayers(NASNet.build(NASNet.MOBILE).withClassifier(1000));
        assertThat(layers).containsKeys("stem_conv1", "stem_bn1", "predictions",
                "reduction_conv_1_stem_1", "reduction_bn_1_stem_1", "separable_conv_1_reduction_left1_stem_1",
                "separable_conv_2_bn_reduction_right3_stem_2", "separable_conv_1_reduction_left4_reduce_4",
                "adjust_conv_1_stem_2", "adjust_conv_2_stem_2", "adjust_bn_stem_2",
                "normal_conv_1_0", "normal_bn_1_0", "separable_conv_1_bn_normal_left1_0", "adjust_bn_0",
                "adjust_conv_projection_1", "adjust_conv_projection_reduce_4", "adjust_conv_1_5",
                "separable_conv_2_normal_left5_12");
        // stem_1 has no p (Keras: p = None -> p = ip), so no adjust block; no cell id beyond 12
        assertThat(layers.keySet()).noneMatch(k -> k.endsWith("_stem_1") && k.startsWith("adjust"))
                .noneMatch(k -> k.endsWith("_13"));
        assertThat(layers.get("stem_conv1")).isInstanceOf(Conv2d.class);
        assertThat(layers.get("adjust_bn_0")).isInstanceOf(BatchNorm.class);
        assertThat(layers.get("predictions")).isInstanceOf(Linear.class);
    }

    /** Keras layers with weights, by name: convolutions, BatchNorms, dense, and separable convolutions as one. */
    private static Map<String, Block> weightLayers(Block root) {
        Map<String, Block> out = new LinkedHashMap<>();
        collect(root, out);
        return out;
    }

    private static void collect(Block block, Map<String, Block> out) {
        block.getChildren().forEach(pair -> {
            String name = pair.getKey().replaceFirst("^\\d\\d", "");
            Block child = pair.getValue();
            boolean separable = childNames(child).equals(List.of("depthwise", "pointwise"));
            if (separable || child instanceof Conv2d || child instanceof BatchNorm || child instanceof Linear) {
                assertThat(out.put(name, child)).as("duplicate layer name %s", name).isNull();
            } else {
                collect(child, out);
            }
        });
    }

    private static List<String> childNames(Block block) {
        List<String> names = new ArrayList<>();
        block.getChildren().keys().forEach(k -> names.add(k.replaceFirst("^\\d\\d", "")));
        return names;
    }

    @Test
    void strideTwoSeparableConvolutionsPadTheExtraRowAtTheBottomOnEvenInputs() {
        // NASNetLarge's reduce_6 sees 42x42 (even): correct_pad(5) = (1, 2), correct_pad(7) = (2, 3), the 3x3 pools' (0, 1).
        Block reduce6 = find(NASNet.build(NASNet.LARGE).stages().get(1).block(), "reduce_6");
        Block pad5 = find(reduce6, "separable_conv_1_pad_reduction_left1_reduce_6");
        Block pad7 = find(reduce6, "separable_conv_1_pad_reduction_right1_reduce_6");
        Block pad3 = find(reduce6, "reduction_pad_1_reduce_6");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.ones(new Shape(1, 1, 42, 42));
            for (Object[] c : new Object[][] {{pad5, 1, 2}, {pad7, 2, 3}, {pad3, 0, 1}}) {
                NDArray y = ((Block) c[0]).forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
                int before = (int) c[1];
                int after = (int) c[2];
                assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 42 + before + after, 42 + before + after));
                // the first real row sits after `before` zero rows; the last `after` rows are zeros
                assertThat(y.get("0, 0, " + before + ", " + before).getFloat()).isEqualTo(1f);
                assertThat(y.get("0, 0, :, " + (42 + before) + ":").sum().getFloat()).isZero();
                assertThat(y.get("0, 0, " + (42 + before) + ":, :").sum().getFloat()).isZero();
                assertThat(y.get("0, 0, :" + before + ", :").sum().getFloat()).isZero();
            }
        }
    }

    @Test
    void sameAveragePoolsLeaveThePaddingOutButPoolsOverExplicitZerosCountThem() {
        // TensorFlow's 'same' average pool divides by the cells inside the image: ones stay ones at the border.
        // reduction_left3 runs 'valid' over ZeroPadding2D output: at 42x42 the padded last row and column count.
        Backbone b = NASNet.build(NASNet.LARGE);
        Block same = find(b.stages().get(0).block(), "normal_left3_0");
        Block reduce6 = find(b.stages().get(1).block(), "reduce_6");
        try (NDManager m = NDManager.newBaseManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDArray ones = m.ones(new Shape(1, 1, 42, 42));
            assertThat(same.forward(ps, new NDList(ones), false).singletonOrThrow().toFloatArray()).containsOnly(1f);
            NDArray ramp = m.arange(16f).reshape(1, 1, 4, 4);
            NDArray meanOfInside = same.forward(ps, new NDList(ramp), false).singletonOrThrow();
            assertThat(meanOfInside.getFloat(0, 0, 0, 0)).isCloseTo((0 + 1 + 4 + 5) / 4f, within(1e-6f));
            assertThat(meanOfInside.getFloat(0, 0, 1, 1)).isCloseTo((0 + 1 + 2 + 4 + 5 + 6 + 8 + 9 + 10) / 9f, within(1e-5f));
            assertThat(meanOfInside.getFloat(0, 0, 3, 1)).isCloseTo((8 + 9 + 10 + 12 + 13 + 14) / 6f, within(1e-5f));
            NDArray padded = find(reduce6, "reduction_pad_1_reduce_6").forward(ps, new NDList(ones), false).singletonOrThrow();
            NDArray pooled = find(reduce6, "reduction_left3_reduce_6").forward(ps, new NDList(padded), false).singletonOrThrow();
            assertThat(pooled.getShape()).isEqualTo(new Shape(1, 1, 21, 21));
            assertThat(pooled.get("0, 0, 0, 0").getFloat()).isEqualTo(1f);
            assertThat(pooled.get("0, 0, 20, 0").getFloat()).isCloseTo(6f / 9, within(1e-6f));
            assertThat(pooled.get("0, 0, 20, 20").getFloat()).isCloseTo(4f / 9, within(1e-6f));
        }
    }

    private static Block find(Block parent, String name) {
        return parent.getChildren().stream().filter(p -> p.getKey().replaceFirst("^\\d\\d", "").equals(name))
                .map(ai.djl.util.Pair::getValue).findFirst()
                .or(() -> parent.getChildren().values().stream().map(c -> findOrNull(c, name)).filter(b -> b != null).findFirst())
                .orElseThrow(() -> new AssertionError("no block " + name));
    }

    private static Block findOrNull(Block parent, String name) {
        try {
            return find(parent, name);
        } catch (AssertionError e) {
            return null;
        }
    }

    @Test
    void variantsFollowKerasRules() {
        assertThatThrownBy(() -> NASNet.LARGE.scaled("x", 1, 100, 8)).hasMessageContaining("multiple of 24 * filterMultiplier^2 = 96")
                .hasMessageContaining("100");
        assertThatThrownBy(() -> NASNet.LARGE.scaled("x", 0, 96, 8)).hasMessageContaining("numBlocks").hasMessageContaining("0");
        assertThat(NASNet.LARGE_FIXTURE.skipReduction()).isTrue();
        assertThat(NASNet.MOBILE_FIXTURE.skipReduction()).isFalse();
        assertThat(NASNet.LARGE_FIXTURE.featureWidth()).isEqualTo(NASNet.LARGE_FIXTURE.penultimateFilters());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"large-fixture", "mobile-fixture"})
    void fixtureForwardIsFiniteAndGradientsReachTheTrainableTopButNeverTheFrozenPart(String name) {
        TransferNetwork net = TransferNetwork.of(NASNet.build(variant(name)), 1, 6);
        assertThat(net.frozenStages()).containsExactly("cells_1", "cells_2");
        assertThat(net.trainableStages()).containsExactly("cells_3");
        Shape input = new Shape(4, 3, 80, 80);
        // the frozen part ends between cells: two feature maps cross into the trainable part
        assertThat(net.frozen().getOutputShapes(new Shape[] {input})).hasSize(2);
        BackboneChecks.assertFiniteAndGradientsStopAtTheFrozenPart(net, 80);
    }

    @Test
    void withNoTrainableStageTheFrozenPartEndsInOneVector() {
        TransferNetwork net = TransferNetwork.of(NASNet.build(NASNet.MOBILE_FIXTURE), 0, 6);
        assertThat(net.frozen().getOutputShapes(new Shape[] {new Shape(2, 3, 80, 80)}))
                .containsExactly(new Shape(2, NASNet.MOBILE_FIXTURE.featureWidth()));
    }

    @Test
    void trainableStagesOutOfRangeNamesTheStages() {
        assertThatThrownBy(() -> TransferNetwork.of(NASNet.build(NASNet.MOBILE_FIXTURE), 4, 6))
                .hasMessageContaining("repro.trainableStages=4").hasMessageContaining("[cells_1, cells_2, cells_3]");
    }

    @Test
    void tooSmallAnInputIsRefusedNamingTheCell() {
        // below Keras' minimum of 32 the last reductions stop halving (1 -> 1) and Keras would pick another adjust branch
        Backbone b = NASNet.build(NASNet.MOBILE_FIXTURE);
        assertThatThrownBy(() -> b.withClassifier(6).getOutputShapes(new Shape[] {new Shape(1, 3, 8, 8)}))
                .hasMessageContaining("minimum 32");
    }
}
