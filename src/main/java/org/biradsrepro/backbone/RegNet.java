package org.biradsrepro.backbone;

import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * RegNetX and RegNetY as Keras Applications' {@code regnet.py} builds them (Radosavovic et al., 2020), its
 * {@code MODEL_CONFIGS} table written out as data below.
 *
 * <p>Mirrored from Keras: the PreStem rescales 0..255 to 0..1 inside the model ({@code Rescaling(1/255)}, no
 * weights, no mean/std normalisation despite its docstring), so {@link InputScaling#NONE}; the stem is a 3x3
 * stride-2 'same' convolution to 32 channels (TensorFlow's split: the odd pixel at the bottom/right); each stage's
 * first block has stride 2 on its grouped 3x3 'same' convolution and a 1x1 stride-2 projection shortcut;
 * {@code groups = width / group_width}, and 1 where that is 0 (Keras' {@code Conv2D} turns {@code groups=0} into 1,
 * which RegNetX080's 80-wide first stage with group width 120 relies on); bottleneck ratio 1 (Keras has no knob);
 * Y blocks add squeeze-and-excitation to {@code int(0.25 * block input width)} with biases and a sigmoid;
 * {@code relu(x + skip)} at the end of each block; BatchNorm epsilon 1e-5, momentum 0.9; no convolution bias
 * outside squeeze-and-excitation. The top is global average pooling and a dense layer.
 *
 * <p>Keras' table follows the original pycls rounding. torchvision rounds widths differently, so its RegNetY-800MF
 * (widths 64-144-320-784) is not Keras' RegNetY008 (64-128-320-768); the variants whose tables coincide (x008,
 * x016, x032, x080, x160, x320, y004, y016, y032, y160, y320) have torchvision's published parameter counts.
 */
public final class RegNet {

    static final float BN_EPSILON = 1e-5f;
    static final float BN_MOMENTUM = 0.9f;
    static final int STEM_WIDTH = 32;
    static final double SE_RATIO = 0.25;
    static final int MIN_INPUT_SIZE = 32;

    /** X: residual bottleneck with grouped 3x3; Y: the same with squeeze-and-excitation. */
    public enum BlockType { X, Y }

    /**
     * One row of Keras' {@code MODEL_CONFIGS}.
     *
     * @param key the row's key and the setting's value, e.g. {@code y008}
     * @param depths blocks per stage
     * @param widths output channels per stage
     */
    public record Design(String key, BlockType type, List<Integer> depths, List<Integer> widths, int groupWidth,
                         int defaultSize) {
        public Design {
            depths = List.copyOf(depths);
            widths = List.copyOf(widths);
            if (depths.size() != 4 || widths.size() != 4) {
                throw new IllegalArgumentException("RegNet " + key + " needs 4 stage depths and widths: " + depths + " " + widths);
            }
            if (depths.stream().anyMatch(d -> d < 1)) {
                throw new IllegalArgumentException("RegNet " + key + " needs at least one block per stage: " + depths);
            }
        }

        /** Keras' {@code model_name}, the prefix of every layer name: {@code regnety008}. */
        public String modelName() {
            return "regnet" + key;
        }

        public int featureWidth() {
            return widths.get(3);
        }

        /** The same design with other stage depths: the fixture profile's scale knob. */
        public Design withDepths(List<Integer> newDepths) {
            return new Design(key, type, newDepths, widths, groupWidth, defaultSize);
        }
    }

    private static Design x(String key, List<Integer> depths, List<Integer> widths, int groupWidth) {
        return new Design(key, BlockType.X, depths, widths, groupWidth, 224);
    }

    private static Design y(String key, List<Integer> depths, List<Integer> widths, int groupWidth) {
        return new Design(key, BlockType.Y, depths, widths, groupWidth, 224);
    }

    /** Keras' {@code MODEL_CONFIGS}, in its order; the three digits are hundreds of mega-FLOPs. */
    public static final Map<String, Design> DESIGNS;

    static {
        Map<String, Design> m = new LinkedHashMap<>();
        for (Design d : List.of(
                x("x002", List.of(1, 1, 4, 7), List.of(24, 56, 152, 368), 8),
                x("x004", List.of(1, 2, 7, 12), List.of(32, 64, 160, 384), 16),
                x("x006", List.of(1, 3, 5, 7), List.of(48, 96, 240, 528), 24),
                x("x008", List.of(1, 3, 7, 5), List.of(64, 128, 288, 672), 16),
                x("x016", List.of(2, 4, 10, 2), List.of(72, 168, 408, 912), 24),
                x("x032", List.of(2, 6, 15, 2), List.of(96, 192, 432, 1008), 48),
                x("x040", List.of(2, 5, 14, 2), List.of(80, 240, 560, 1360), 40),
                x("x064", List.of(2, 4, 10, 1), List.of(168, 392, 784, 1624), 56),
                x("x080", List.of(2, 5, 15, 1), List.of(80, 240, 720, 1920), 120),
                x("x120", List.of(2, 5, 11, 1), List.of(224, 448, 896, 2240), 112),
                x("x160", List.of(2, 6, 13, 1), List.of(256, 512, 896, 2048), 128),
                x("x320", List.of(2, 7, 13, 1), List.of(336, 672, 1344, 2520), 168),
                y("y002", List.of(1, 1, 4, 7), List.of(24, 56, 152, 368), 8),
                y("y004", List.of(1, 3, 6, 6), List.of(48, 104, 208, 440), 8),
                y("y006", List.of(1, 3, 7, 4), List.of(48, 112, 256, 608), 16),
                y("y008", List.of(1, 3, 8, 2), List.of(64, 128, 320, 768), 16),
                y("y016", List.of(2, 6, 17, 2), List.of(48, 120, 336, 888), 24),
                y("y032", List.of(2, 5, 13, 1), List.of(72, 216, 576, 1512), 24),
                y("y040", List.of(2, 6, 12, 2), List.of(128, 192, 512, 1088), 64),
                y("y064", List.of(2, 7, 14, 2), List.of(144, 288, 576, 1296), 72),
                y("y080", List.of(2, 4, 10, 1), List.of(168, 448, 896, 2016), 56),
                y("y120", List.of(2, 5, 11, 1), List.of(224, 448, 896, 2240), 112),
                y("y160", List.of(2, 4, 11, 1), List.of(224, 448, 1232, 3024), 112),
                y("y320", List.of(2, 5, 12, 1), List.of(232, 696, 1392, 3712), 232))) {
            m.put(d.key(), d);
        }
        DESIGNS = Collections.unmodifiableMap(m);
    }

    /** The paper's "RegNet" is unspecified; RegNetY-800MF is this project's default. */
    public static final String DEFAULT_KEY = "y008";

    private RegNet() {}

    /** The design named by {@code repro.regnetVariant}; an unknown key fails and lists the known ones. */
    public static Design design(String key) {
        Design d = DESIGNS.get(key.trim().toLowerCase(Locale.ROOT));
        if (d == null) {
            throw new IllegalArgumentException("Unknown RegNet variant '" + key + "'; known: "
                    + String.join(", ", DESIGNS.keySet()) + ".");
        }
        return d;
    }

    /**
     * The fixture profile's RegNet: the smallest design of the same block type (002, 200 MFLOPs) with one block per
     * stage, so it keeps the stem, the four stages, their strides, widths and names.
     */
    public static Design fixture(BlockType type) {
        return design(type.name().toLowerCase(Locale.ROOT) + "002").withDepths(List.of(1, 1, 1, 1));
    }

    public static Backbone build(Design d) {
        return build(d, d.modelName());
    }

    /** Builds a design; {@code variantName} is what results record (the fixture adds a suffix). */
    public static Backbone build(Design d, String variantName) {
        String model = d.modelName();
        Chain stem = new Chain()
                .add(model + "_prestem_rescaling", KerasLayers.rescaling(1f / 255f, 0f))
                .add(model + "_stem_conv_pad", Padding.same(3, 2))
                .add(model + "_stem_conv", KerasLayers.conv(STEM_WIDTH, 3, 2, 0, 1, false))
                .add(model + "_stem_bn", bn())
                .add(model + "_stem_relu", KerasLayers.relu());
        List<Backbone.Stage> stages = new ArrayList<>();
        int in = STEM_WIDTH;
        for (int s = 0; s < 4; s++) {
            String stageName = model + "_Stage_" + s;
            int out = d.widths().get(s);
            Chain stage = new Chain();
            for (int i = 0; i < d.depths().get(s); i++) {
                String name = stageName + "_" + d.type() + "Block_" + i;
                stage.add(name, block(name, d.type(), i == 0 ? in : out, out, d.groupWidth(), i == 0 ? 2 : 1));
            }
            stages.add(new Backbone.Stage(stageName, stage));
            in = out;
        }
        return new Backbone("regnet", variantName, InputScaling.NONE, stem, stages, d.featureWidth(), d.defaultSize(),
                MIN_INPUT_SIZE, RegNet::head);
    }

    /** Keras' {@code XBlock} / {@code YBlock}: 1x1 - grouped 3x3 (strided) - [squeeze-excite] - 1x1, then relu(x + skip). */
    private static Block block(String name, BlockType type, int in, int out, int groupWidth, int stride) {
        int groups = Math.max(1, out / groupWidth);
        Chain main = new Chain()
                .add(name + "_conv_1x1_1", KerasLayers.conv(out, 1, 1, 0, 1, false))
                .add(name + "_conv_1x1_1_bn", bn())
                .add(name + "_conv_1x1_1_relu", KerasLayers.relu());
        if (stride == 2) {
            main.add(name + "_conv_3x3_pad", Padding.same(3, 2))
                    .add(name + "_conv_3x3", KerasLayers.conv(out, 3, 2, 0, groups, false));
        } else {
            main.add(name + "_conv_3x3", KerasLayers.conv(out, 3, 1, 1, groups, false));
        }
        main.add(name + "_conv_3x3_bn", bn())
                .add(name + "_conv_3x3_relu", KerasLayers.relu());
        if (type == BlockType.Y) {
            int squeezed = (int) (in * SE_RATIO);
            Chain gate = new Chain()
                    .add(name + "_squeeze_and_excite_gap", KerasLayers.globalAveragePoolingKeepDims())
                    .add(name + "_squeeze_and_excite_squeeze", KerasLayers.conv(squeezed, 1, 1, 0, 1, true))
                    .add(name + "_squeeze_and_excite_squeeze_relu", KerasLayers.relu())
                    .add(name + "_squeeze_and_excite_excite", KerasLayers.conv(out, 1, 1, 0, 1, true))
                    .add(name + "_squeeze_and_excite_excite_sigmoid", KerasLayers.sigmoid());
            main.add(name + "_squeeze_and_excite", new KerasLayers.SqueezeExcitation(gate));
        }
        main.add(name + "_conv_1x1_2", KerasLayers.conv(out, 1, 1, 0, 1, false))
                .add(name + "_conv_1x1_2_bn", bn());
        Block skip = stride == 1 ? null : new Chain()
                .add(name + "_skip_1x1", KerasLayers.conv(out, 1, stride, 0, 1, false))
                .add(name + "_skip_bn", bn());
        // Residual ends with the relu Keras names {name}_exit_relu.
        return new Residual(main, skip);
    }

    /** Keras' {@code Head}: {@code head_gap} and {@code head_dense}. */
    private static Block head(int classes) {
        return new Chain().add("head_gap", Pool.globalAvgPool2dBlock())
                .add("head_dense", Linear.builder().setUnits(classes).build());
    }

    private static Block bn() {
        return KerasLayers.batchNorm(BN_EPSILON, BN_MOMENTUM);
    }
}
