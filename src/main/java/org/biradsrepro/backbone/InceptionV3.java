package org.biradsrepro.backbone;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inception v3, as Keras Applications' {@code inception_v3.py} builds it (Szegedy et al., 2016).
 *
 * <p>Every convolution is Keras' {@code conv2d_bn}: a convolution without bias, BatchNorm without scale
 * ({@link UnscaledBatchNorm}; epsilon 1e-3 and momentum 0.99, Keras' defaults, which the file does not override),
 * then ReLU. No layer in the file pads asymmetrically: every stride-2 convolution and pool is 'valid', and every
 * 'same' layer has stride 1 and an odd kernel, where TensorFlow's split is symmetric. The 'same' 3x3 average pools
 * exclude the padded cells from the mean, as TensorFlow does ({@link SameAveragePool}).
 *
 * <p>Names. Keras names none of the convolutions, BatchNorms, activations or pools, so they take the automatic
 * names of a fresh Keras session in creation order ({@code conv2d}, {@code conv2d_1}, .., {@code conv2d_93}, and
 * likewise {@code batch_normalization_N}, {@code activation_N}, {@code max_pooling2d_N},
 * {@code average_pooling2d_N}); only the concatenations are named ({@code mixed0} .. {@code mixed10},
 * {@code mixed9_0}, {@code mixed9_1}; the two unnamed ones are {@code concatenate} and {@code concatenate_1}).
 * Each DJL child carries the name of the Keras layer it ports, created in the same order, so a weight loader can
 * go layer by layer. Branches, which are Python variables in Keras and not layers, are named after those variables.
 * Keras 2.0, which wrote the ImageNet weight file, counted from 1 ({@code conv2d_1}); the order is the same.
 *
 * <p>Stages for freezing, by grid size (at 299 input): the stem up to the second max pool (35x35x192), then
 * {@code mixed0-2} (35x35), the reduction {@code mixed3} (to 17x17), {@code mixed4-7} (17x17), the reduction
 * {@code mixed8} (to 8x8) and {@code mixed9-10} (8x8x2048). Training one stage trains mixed9 and mixed10, the "top
 * 2 inception blocks" of Keras' own fine-tuning example for this model.
 *
 * <p>Input: scaled to [-1, 1] ({@code preprocess_input} mode "tf"); default 299. The minimum is 75, Keras'
 * {@code min_size}, and not arbitrary: 75 gives a 3x3 grid at mixed3's output, the least that mixed8's 'valid'
 * 3x3 stride-2 convolutions and pool accept (74 gives 2x2 there and nothing after mixed8). 75 and 80 end at 1x1.
 */
public final class InceptionV3 {

    static final float BN_EPSILON = 1e-3f;
    static final float BN_MOMENTUM = 0.99f;
    public static final int DEFAULT_INPUT_SIZE = 299;
    public static final int MIN_INPUT_SIZE = 75;

    /**
     * The five module designs. Keras writes them out inline; the letters are torchvision's class names
     * ({@code InceptionA} .. {@code InceptionE}) for the same modules.
     */
    public enum ModuleKind {
        /** 35x35: 1x1 | 1x1, 5x5 | 1x1, 3x3, 3x3 | avg pool, 1x1 (the pool branch's width varies). */
        A,
        /** Reduction 35 to 17: 3x3/2 | 1x1, 3x3, 3x3/2 | max pool/2. */
        B,
        /** 17x17 with factorised 7x7: 1x1 | 1x1, 1x7, 7x1 | 1x1, 7x1, 1x7, 7x1, 1x7 | avg pool, 1x1 (inner width varies). */
        C,
        /** Reduction 17 to 8: 1x1, 3x3/2 | 1x1, 1x7, 7x1, 3x3/2 | max pool/2. */
        D,
        /** 8x8 with split 1x3/3x1 outputs: 1x1 | 1x1, [1x3, 3x1] | 1x1, 3x3, [1x3, 3x1] | avg pool, 1x1. */
        E
    }

    /**
     * One module.
     *
     * @param kind its design
     * @param width A: the pool branch's filters; C: the inner width of the 7x7 towers; unused (0) otherwise
     */
    public record ModuleSpec(ModuleKind kind, int width) {}

    /** One stage: the modules between two freezing boundaries, named after the concatenations it spans. */
    public record StageSpec(String name, List<ModuleSpec> modules) {
        public StageSpec {
            modules = List.copyOf(modules);
        }
    }

    /** Keras' module sequence; each comment gives the module outputs at 299 input, as Keras' comments do. */
    public static final List<StageSpec> STAGES = List.of(
            new StageSpec("mixed0-2", List.of(a(32), a(64), a(64))),                  // 35x35x256, x288, x288
            new StageSpec("mixed3", List.of(new ModuleSpec(ModuleKind.B, 0))),        // 17x17x768
            new StageSpec("mixed4-7", List.of(c(128), c(160), c(160), c(192))),       // 17x17x768 each
            new StageSpec("mixed8", List.of(new ModuleSpec(ModuleKind.D, 0))),        // 8x8x1280
            new StageSpec("mixed9-10", List.of(new ModuleSpec(ModuleKind.E, 0), new ModuleSpec(ModuleKind.E, 0)))); // 8x8x2048

    /**
     * A variant: the scale knob divides every filter count by {@code widthDivisor} (at least one filter), keeping
     * the modules, kernels, strides and names.
     */
    public record Variant(String name, int widthDivisor) {
        public Variant {
            if (widthDivisor < 1) {
                throw new IllegalArgumentException("width divisor must be at least 1: " + widthDivisor + " (" + name + ")");
            }
        }

        int filters(int kerasFilters) {
            return Math.max(1, kerasFilters / widthDivisor);
        }

        /** mixed10's channels: 320 + 2 x (384 + 384) + 192 at full width. */
        public int featureWidth() {
            return filters(320) + 4 * filters(384) + filters(192);
        }
    }

    /** Keras' {@code InceptionV3}. */
    public static final Variant INCEPTION_V3 = new Variant("inceptionv3", 1);

    /**
     * The fixture-scale Inception v3: every module and layer, an eighth of the width: 256 features, 346,412
     * parameters without the top (21,802,784 at full width).
     */
    public static final Variant INCEPTION_V3_FIXTURE = new Variant("inceptionv3-fixture", 8);

    private InceptionV3() {}

    public static Backbone build(Variant v) {
        return new Builder(v).build();
    }

    private static ModuleSpec a(int poolFilters) {
        return new ModuleSpec(ModuleKind.A, poolFilters);
    }

    private static ModuleSpec c(int inner) {
        return new ModuleSpec(ModuleKind.C, inner);
    }

    /** Keras' padding argument of a layer; 'same' occurs here only with stride 1. */
    private enum Pad { SAME, VALID }

    /** Keras' automatic layer names: the first of a kind bare, then {@code _1}, {@code _2}, .. in creation order. */
    static final class KerasNames {
        private final Map<String, Integer> created = new HashMap<>();

        String next(String prefix) {
            int n = created.merge(prefix, 1, Integer::sum) - 1;
            return n == 0 ? prefix : prefix + "_" + n;
        }
    }

    /** Builds one network, creating the layers in Keras' order so that the automatic names line up. */
    private static final class Builder {
        private final Variant v;
        private final KerasNames names = new KerasNames();
        private int splitOutputs;

        Builder(Variant v) {
            this.v = v;
        }

        Backbone build() {
            Chain stem = new Chain();
            convBn(stem, 32, 3, 3, 2, Pad.VALID);  // 149x149 at 299 input
            convBn(stem, 32, 3, 3, 1, Pad.VALID);  // 147x147
            convBn(stem, 64, 3, 3, 1, Pad.SAME);
            stem.add(names.next("max_pooling2d"), maxPool());  // 73x73
            convBn(stem, 80, 1, 1, 1, Pad.VALID);
            convBn(stem, 192, 3, 3, 1, Pad.VALID); // 71x71
            stem.add(names.next("max_pooling2d"), maxPool());  // 35x35x192

            List<Backbone.Stage> stages = new ArrayList<>();
            int mixed = 0;
            for (StageSpec s : STAGES) {
                Chain stage = new Chain();
                for (ModuleSpec m : s.modules()) {
                    stage.add("mixed" + mixed++, module(m));
                }
                stages.add(new Backbone.Stage(s.name(), stage));
            }
            return new Backbone("inceptionv3", v.name(), InputScaling.TF, stem, stages, v.featureWidth(),
                    DEFAULT_INPUT_SIZE, MIN_INPUT_SIZE, Backbone::poolAndDense);
        }

        private Block module(ModuleSpec m) {
            return switch (m.kind()) {
                case A -> new Concatenation()
                        .add("branch1x1", convBn(new Chain(), 64, 1, 1))
                        .add("branch5x5", convBn(convBn(new Chain(), 48, 1, 1), 64, 5, 5))
                        .add("branch3x3dbl", convBn(convBn(convBn(new Chain(), 64, 1, 1), 96, 3, 3), 96, 3, 3))
                        .add("branch_pool", convBn(avgPoolBranch(), m.width(), 1, 1));
                case B -> new Concatenation()
                        .add("branch3x3", convBn(new Chain(), 384, 3, 3, 2, Pad.VALID))
                        .add("branch3x3dbl", convBn(convBn(convBn(new Chain(), 64, 1, 1), 96, 3, 3), 96, 3, 3, 2, Pad.VALID))
                        .add("branch_pool", new Chain().add(names.next("max_pooling2d"), maxPool()));
                case C -> {
                    int w = m.width();
                    yield new Concatenation()
                            .add("branch1x1", convBn(new Chain(), 192, 1, 1))
                            .add("branch7x7", convBn(convBn(convBn(new Chain(), w, 1, 1), w, 1, 7), 192, 7, 1))
                            .add("branch7x7dbl", convBn(convBn(convBn(convBn(convBn(new Chain(),
                                    w, 1, 1), w, 7, 1), w, 1, 7), w, 7, 1), 192, 1, 7))
                            .add("branch_pool", convBn(avgPoolBranch(), 192, 1, 1));
                }
                case D -> new Concatenation()
                        .add("branch3x3", convBn(convBn(new Chain(), 192, 1, 1), 320, 3, 3, 2, Pad.VALID))
                        .add("branch7x7x3", convBn(convBn(convBn(convBn(new Chain(),
                                192, 1, 1), 192, 1, 7), 192, 7, 1), 192, 3, 3, 2, Pad.VALID))
                        .add("branch_pool", new Chain().add(names.next("max_pooling2d"), maxPool()));
                case E -> {
                    Concatenation module = new Concatenation().add("branch1x1", convBn(new Chain(), 320, 1, 1));
                    Chain branch3x3 = convBn(new Chain(), 384, 1, 1);
                    branch3x3.add("mixed9_" + splitOutputs++, split(384, "branch3x3"));
                    module.add("branch3x3", branch3x3);
                    Chain branch3x3dbl = convBn(convBn(new Chain(), 448, 1, 1), 384, 3, 3);
                    branch3x3dbl.add(names.next("concatenate"), split(384, "branch3x3dbl"));
                    yield module.add("branch3x3dbl", branch3x3dbl)
                            .add("branch_pool", convBn(avgPoolBranch(), 192, 1, 1));
                }
            };
        }

        /** Module E's 1x3 and 3x1 convolutions side by side over the same input. */
        private Concatenation split(int filters, String branch) {
            return new Concatenation()
                    .add(branch + "_1", convBn(new Chain(), filters, 1, 3))
                    .add(branch + "_2", convBn(new Chain(), filters, 3, 1));
        }

        private Chain avgPoolBranch() {
            return new Chain().add(names.next("average_pooling2d"), new SameAveragePool(3, 1));
        }

        private Chain convBn(Chain into, int filters, int rows, int cols) {
            return convBn(into, filters, rows, cols, 1, Pad.SAME);
        }

        /** Keras' {@code conv2d_bn(x, filters, num_row, num_col, padding, strides)}. */
        private Chain convBn(Chain into, int filters, int rows, int cols, int stride, Pad pad) {
            if (pad == Pad.SAME && stride != 1) {
                throw new IllegalStateException("'same' with stride " + stride + " would pad asymmetrically");
            }
            Shape padding = pad == Pad.SAME ? new Shape(rows / 2, cols / 2) : new Shape(0, 0);
            return into
                    .add(names.next("conv2d"), PaddingSafeConv2d.of(Conv2d.builder()
                            .setFilters(v.filters(filters))
                            .setKernelShape(new Shape(rows, cols))
                            .optStride(new Shape(stride, stride))
                            .optPadding(padding)
                            .optBias(false)))
                    .add(names.next("batch_normalization"), new UnscaledBatchNorm(BN_EPSILON, BN_MOMENTUM))
                    .add(names.next("activation"), Activation.reluBlock());
        }

        private static Block maxPool() {
            return Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2));
        }
    }
}
