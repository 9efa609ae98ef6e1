package org.biradsrepro.backbone;

import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * MobileNetV3 Large and Small as Keras Applications' {@code mobilenet_v3.py} builds them (Howard et al., 2019),
 * with {@code minimalistic=False}: 5x5 kernels where the table says so, hard swish, squeeze-and-excitation.
 *
 * <p>Mirrored from Keras: the model rescales its 0..255 input itself ({@code Rescaling(1/127.5, -1)} is the stem's
 * first block, so {@link InputScaling#NONE}); the stem convolution is 'same' with stride 2 (TensorFlow's split:
 * the odd pixel at the bottom/right); every stride-2 depthwise convolution is padded by
 * {@code ZeroPadding2D(correct_pad)} and then 'valid'; BatchNorm epsilon 1e-3, momentum 0.999; widths rounded by
 * Keras' {@code _depth} (multiples of 8, never more than 10% down); the squeeze-and-excitation convolutions carry
 * biases; blocks add their input back only when stride is 1 and the width is unchanged, with no activation after
 * the sum. Keras' {@code correct_pad} assumes an even size when the model is built without a fixed input shape;
 * here the actual size decides, as in a Keras model built with {@code input_shape} given.
 *
 * <p>The features end with the last 1x1 convolution ({@code conv_1}: 960 channels for Large, 576 for Small), its
 * BatchNorm and hard swish; the 1280 (1024)-wide {@code conv_2} belongs to Keras' top.
 *
 * <p>Stages are groups of consecutive blocks with the same output stride ({@code stride2} .. {@code stride32}),
 * {@code conv_1} in the last one: Large has five (block 0 alone keeps stride 2), Small four.
 */
public final class MobileNetV3 {

    static final float BN_EPSILON = 1e-3f;
    static final float BN_MOMENTUM = 0.999f;
    static final double SE_RATIO = 0.25;
    static final int STEM_FILTERS = 16;
    static final int DEFAULT_INPUT_SIZE = 224;
    static final int MIN_INPUT_SIZE = 32;
    static final float DROPOUT_RATE = 0.2f;
    /** The fixture profile's width multiplier: the smallest alpha Keras' width rounding keeps distinct. */
    static final double FIXTURE_ALPHA = 0.25;

    /** The activation after a block's expansion and depthwise convolutions. */
    public enum Act {
        RELU(KerasLayers::relu, "relu"),
        HARD_SWISH(KerasLayers::hardSwish, "hard_swish");

        private final Supplier<Block> block;
        private final String label;

        Act(Supplier<Block> block, String label) {
            this.block = block;
            this.label = label;
        }
    }

    /**
     * One {@code _inverted_res_block} call of the Keras stack function.
     *
     * @param expansion expansion factor of the block input width (1 for block 0, which has no expansion conv)
     * @param filters output width before alpha
     * @param kernel depthwise kernel size
     * @param stride depthwise stride
     * @param squeezeExcite whether {@code se_ratio} is passed (0.25)
     * @param act activation of the block
     */
    public record BlockSpec(double expansion, int filters, int kernel, int stride, boolean squeezeExcite, Act act) {}

    /** Keras' two models: their stack table and the width of {@code conv_2} in the top. */
    public enum Size {
        /** {@code MobileNetV3Large}: 15 blocks, top 1280 wide. */
        LARGE("large", 1280, List.of(
                row(1, 16, 3, 1, false, Act.RELU),           // 112x112 at 224 input
                row(4, 24, 3, 2, false, Act.RELU),           // 56x56
                row(3, 24, 3, 1, false, Act.RELU),
                row(3, 40, 5, 2, true, Act.RELU),            // 28x28
                row(3, 40, 5, 1, true, Act.RELU),
                row(3, 40, 5, 1, true, Act.RELU),
                row(6, 80, 3, 2, false, Act.HARD_SWISH),     // 14x14
                row(2.5, 80, 3, 1, false, Act.HARD_SWISH),
                row(2.3, 80, 3, 1, false, Act.HARD_SWISH),
                row(2.3, 80, 3, 1, false, Act.HARD_SWISH),
                row(6, 112, 3, 1, true, Act.HARD_SWISH),
                row(6, 112, 3, 1, true, Act.HARD_SWISH),
                row(6, 160, 5, 2, true, Act.HARD_SWISH),     // 7x7
                row(6, 160, 5, 1, true, Act.HARD_SWISH),
                row(6, 160, 5, 1, true, Act.HARD_SWISH))),
        /** {@code MobileNetV3Small}: 11 blocks, top 1024 wide. */
        SMALL("small", 1024, List.of(
                row(1, 16, 3, 2, true, Act.RELU),            // 56x56 at 224 input
                row(72.0 / 16, 24, 3, 2, false, Act.RELU),   // 28x28
                row(88.0 / 24, 24, 3, 1, false, Act.RELU),
                row(4, 40, 5, 2, true, Act.HARD_SWISH),      // 14x14
                row(6, 40, 5, 1, true, Act.HARD_SWISH),
                row(6, 40, 5, 1, true, Act.HARD_SWISH),
                row(3, 48, 5, 1, true, Act.HARD_SWISH),
                row(3, 48, 5, 1, true, Act.HARD_SWISH),
                row(6, 96, 5, 2, true, Act.HARD_SWISH),      // 7x7
                row(6, 96, 5, 1, true, Act.HARD_SWISH),
                row(6, 96, 5, 1, true, Act.HARD_SWISH)));

        private final String id;
        private final int lastPointChannels;
        private final List<BlockSpec> blocks;

        Size(String id, int lastPointChannels, List<BlockSpec> blocks) {
            this.id = id;
            this.lastPointChannels = lastPointChannels;
            this.blocks = List.copyOf(blocks);
        }

        /** The setting's name for it: {@code large} or {@code small}. */
        public String id() {
            return id;
        }

        public List<BlockSpec> blocks() {
            return blocks;
        }

        /** The size named by {@code repro.mobilenetv3Variant}; an unknown name fails and lists the known ones. */
        public static Size parse(String name) {
            for (Size s : values()) {
                if (s.id.equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
            throw new IllegalArgumentException("Unknown MobileNetV3 variant '" + name + "'; known: large, small.");
        }
    }

    private static BlockSpec row(double expansion, int filters, int kernel, int stride, boolean se, Act act) {
        return new BlockSpec(expansion, filters, kernel, stride, se, act);
    }

    /**
     * A MobileNetV3 variant: size and width multiplier (Keras' {@code alpha}).
     *
     * @param name the variant's name in results, e.g. {@code mobilenetv3large}
     */
    public record Variant(String name, Size size, double alpha) {
        public Variant {
            if (!(alpha > 0) || Double.isInfinite(alpha)) {
                throw new IllegalArgumentException("MobileNetV3 alpha must be a finite number > 0: " + alpha);
            }
        }

        /** Keras' published model at alpha 1.0. */
        public static Variant of(Size size) {
            return new Variant("mobilenetv3" + size.id(), size, 1.0);
        }

        /** The fixture profile's variant: the same size at {@link #FIXTURE_ALPHA}. */
        public static Variant fixture(Size size) {
            return new Variant("mobilenetv3" + size.id() + "-alpha" + FIXTURE_ALPHA + "-fixture", size, FIXTURE_ALPHA);
        }

        /** Channels of the last 1x1 convolution, the width of the pooled features. */
        public int featureWidth() {
            return depth(depth(size.blocks().get(size.blocks().size() - 1).filters() * alpha) * 6.0);
        }
    }

    private MobileNetV3() {}

    /**
     * Keras' {@code _depth}: rounds to the nearest multiple of 8 (at least 8), and up by one more step if that lost
     * more than 10%.
     */
    static int depth(double v) {
        int divisor = 8;
        int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }

    public static Backbone build(Variant v) {
        Act stemAct = Act.HARD_SWISH;
        Chain stem = new Chain()
                .add("rescaling", KerasLayers.rescaling(1f / 127.5f, -1f))
                .add("conv_pad", Padding.same(3, 2))
                .add("conv", KerasLayers.conv(STEM_FILTERS, 3, 2, 0, 1, false))
                .add("conv_bn", bn())
                .add("conv_" + stemAct.label, stemAct.block.get());

        List<Backbone.Stage> stages = new ArrayList<>();
        Chain stage = new Chain();
        int stride = 2;
        int in = STEM_FILTERS;
        List<BlockSpec> blocks = v.size().blocks();
        for (int i = 0; i < blocks.size(); i++) {
            BlockSpec b = blocks.get(i);
            if (b.stride() == 2 && !stage.isEmpty()) {
                stages.add(new Backbone.Stage("stride" + stride, stage));
                stage = new Chain();
            }
            stride *= b.stride();
            int out = depth(b.filters() * v.alpha());
            String prefix = i == 0 ? "expanded_conv_" : "expanded_conv_" + i + "_";
            stage.add(prefix.substring(0, prefix.length() - 1), invertedResidual(prefix, b, in, out, i == 0));
            in = out;
        }
        int features = v.featureWidth();
        stage.add("conv_1", KerasLayers.conv(features, 1, 1, 0, 1, false))
                .add("conv_1_bn", bn())
                .add("conv_1_" + Act.HARD_SWISH.label, KerasLayers.hardSwish());
        stages.add(new Backbone.Stage("stride" + stride, stage));

        int lastPoint = v.alpha() > 1.0 ? depth(v.size().lastPointChannels * v.alpha()) : v.size().lastPointChannels;
        return new Backbone("mobilenetv3", v.name(), InputScaling.NONE, stem, stages, features, DEFAULT_INPUT_SIZE,
                MIN_INPUT_SIZE, classes -> top(lastPoint, classes));
    }

    /** Keras' {@code _inverted_res_block}: [expand 1x1] - depthwise - [squeeze-excite] - project 1x1 [+ input]. */
    private static Block invertedResidual(String prefix, BlockSpec b, int in, int out, boolean first) {
        Chain main = new Chain();
        int mid = in;
        if (!first) {
            mid = depth(in * b.expansion());
            main.add(prefix + "expand", KerasLayers.conv(mid, 1, 1, 0, 1, false))
                    .add(prefix + "expand_bn", bn())
                    .add(prefix + "expand_" + b.act().label, b.act().block.get());
        }
        if (b.stride() == 2) {
            main.add(prefix + "depthwise_pad", Padding.correctPad(b.kernel()))
                    .add(prefix + "depthwise", KerasLayers.conv(mid, b.kernel(), 2, 0, mid, false));
        } else {
            main.add(prefix + "depthwise", KerasLayers.conv(mid, b.kernel(), 1, b.kernel() / 2, mid, false));
        }
        main.add(prefix + "depthwise_bn", bn())
                .add(prefix + "depthwise_" + b.act().label, b.act().block.get());
        if (b.squeezeExcite()) {
            main.add(prefix + "squeeze_excite", squeezeExcite(prefix, mid));
        }
        main.add(prefix + "project", KerasLayers.conv(out, 1, 1, 0, 1, false))
                .add(prefix + "project_bn", bn());
        return b.stride() == 1 && in == out ? Residual.linear(main) : main;
    }

    /** Keras' {@code _se_block}: pool, 1x1 conv to {@code _depth(filters / 4)} + relu, 1x1 conv + hard sigmoid, multiply. */
    private static Block squeezeExcite(String prefix, int filters) {
        Chain gate = new Chain()
                .add(prefix + "squeeze_excite_avg_pool", KerasLayers.globalAveragePoolingKeepDims())
                .add(prefix + "squeeze_excite_conv", KerasLayers.conv(depth(filters * SE_RATIO), 1, 1, 0, 1, true))
                .add(prefix + "squeeze_excite_relu", KerasLayers.relu())
                .add(prefix + "squeeze_excite_conv_1", KerasLayers.conv(filters, 1, 1, 0, 1, true))
                .add(prefix + "squeeze_excite_hard_sigmoid", KerasLayers.hardSigmoid());
        return new KerasLayers.SqueezeExcitation(gate);
    }

    /** Keras' {@code include_top=True}: pool (keep dims), {@code conv_2} + hard swish, dropout, {@code logits}, flatten. */
    private static Block top(int lastPointChannels, int classes) {
        return new Chain()
                .add("global_average_pooling2d", KerasLayers.globalAveragePoolingKeepDims())
                .add("conv_2", KerasLayers.conv(lastPointChannels, 1, 1, 0, 1, true))
                .add("conv_2_" + Act.HARD_SWISH.label, KerasLayers.hardSwish())
                .add("dropout", Dropout.builder().optRate(DROPOUT_RATE).build())
                .add("logits", KerasLayers.conv(classes, 1, 1, 0, 1, true))
                .add("flatten", Blocks.batchFlattenBlock());
    }

    private static Block bn() {
        return KerasLayers.batchNorm(BN_EPSILON, BN_MOMENTUM);
    }
}
